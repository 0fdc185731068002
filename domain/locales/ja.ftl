# Latchkey, 日本語 (no plural forms: counts read the same for every number).

## Durations and counts

duration-minutes = { $count }分
duration-hours = { $count }時間
duration-days = { $count }日

## Emails: shared parts

mail-support-heading = ご不明な点は { $tenant } までお問い合わせください:
mail-support-email = メール: { $address }
mail-support-phone = 電話: { $address }
mail-support-url = ウェブ: { $address }
mail-automatic = このメッセージは { $tenant } から自動送信されています。返信しないでください。
mail-link-hint = 次のリンクをブラウザーで開いてください:

## Emails: one block per kind

mail-reset-subject = { $tenant } のパスワードの再設定
mail-reset-intro = { $tenant } のアカウント { $username } のパスワード再設定が依頼されました。ご本人の場合は、下のリンクから新しいパスワードを設定してください。お心当たりがない場合は、このメールを無視してください。パスワードは変更されません。
mail-reset-validity = このリンクは 1 回だけ使用でき、有効期間は { $duration }です。
mail-reset-button = 新しいパスワードを設定

mail-activation-subject = { $tenant } のアカウントを有効にしてください
mail-activation-intro = { $tenant } にユーザー名 { $username } のアカウントが作成されました。下のリンクからパスワードを設定してください。
mail-activation-button = パスワードを設定

mail-contact-admin-subject = { $tenant } のパスワードについて
mail-contact-admin-intro = { $tenant } のアカウント { $username } のパスワード再設定が依頼されました。
mail-contact-admin-body = このアカウントのパスワードはメールで再設定できません。管理者にお問い合わせください。お心当たりがない場合は、このメールを無視してください。

mail-elsewhere-subject = { $tenant } のパスワード用リンクが送信されました
mail-elsewhere-intro = { $tenant } の管理者が、{ $username } のパスワードを設定するリンクを別のメールアドレスに送信しました。
mail-elsewhere-body = お心当たりがない場合は、管理者にお問い合わせください。

mail-locked-subject = { $tenant } のアカウントがロックされました
mail-locked-intro = { $tenant } のアカウント { $username } へのサインインに何度も失敗したため、アカウントは現在すべての場所からロックされています。
mail-locked-body = 下のリンクからパスワードを再設定すると、すぐにロックが解除されます。失敗したサインインに心当たりがない場合は、誰かがパスワードを推測しようとしている可能性があります。新しい、他で使っていないパスワードを設定してください。
mail-locked-button = パスワードを再設定

mail-email-changed-subject = { $tenant } のアカウントのメールアドレスが変更されました
mail-email-changed-intro = { $tenant } の管理者が、{ $username } のメールアドレスを { $address } に変更しました。パスワード再設定のリンクは今後そちらに送信され、変更前に送信されたリンクは使用できなくなりました。
mail-email-changed-body = お心当たりがない場合は、すぐに管理者にお問い合わせください。

mail-recovery-used-subject = { $tenant } のアカウントでリカバリーコードが使用されました
mail-recovery-used-intro = たった今、{ $tenant } のアカウント { $username } にリカバリーコードでサインインがありました。残りのコードは { $count } 個です。各コードは 1 回だけ使用できます。
mail-recovery-used-body = ご本人でない場合は、パスワードを再設定し、すぐに管理者にお問い合わせください。認証アプリを紛失した場合は、新しいアプリを設定し、新しいリカバリーコードを作成してください。

mail-mfa-on-subject = { $tenant } のアカウントで 2 段階認証が有効になりました
mail-mfa-on-intro = { $tenant } のアカウント { $username } で 2 段階認証が有効になりました。他のすべてのセッションはサインアウトされました。
mail-mfa-off-subject = { $tenant } のアカウントで 2 段階認証が無効になりました
mail-mfa-off-intro = { $tenant } のアカウント { $username } で 2 段階認証が無効になりました。他のすべてのセッションはサインアウトされました。
mail-mfa-body = ご本人の操作でない場合は、パスワードを再設定し、すぐに管理者にお問い合わせください。

mail-changed-subject = { $tenant } のパスワードが変更されました
mail-changed-intro = { $tenant } のアカウント { $username } のパスワードが変更されました。他のすべてのセッションはサインアウトされました。
mail-changed-body = ご本人の操作でない場合は、すぐに管理者にお問い合わせください。

## Pages: rendered into the HTML by the server

page-language-name = 日本語
page-language = 言語
page-brand-default = アカウントへのアクセス
page-index-intro = 組織ごとのサインイン、パスワード再設定、アカウントのページです。
page-index-tenant = 組織 ID
page-index-open = サインインページを開く
page-index-pages = ページ:
page-sign-in-title = サインイン
page-username = ユーザー名
page-password = パスワード
page-email = メールアドレス
page-totp = ワンタイムコード
page-totp-help = 認証アプリがこのアカウントに表示する 6 桁のコードです。
page-use-recovery = リカバリーコードを使う
page-forgot-link = パスワードをお忘れですか?
page-forgot-title = パスワードの再設定
page-forgot-heading = パスワードをお忘れですか?
page-forgot-help-email = メールアドレスを入力してください。一致するアカウントがあれば、新しいパスワードを設定するリンクを送信します。
page-forgot-submit = 再設定リンクを送信
page-back-to-sign-in = サインインに戻る
page-reset-title = 新しいパスワードの設定
page-reset-checking = リンクを確認しています…
page-reset-account = アカウント
page-reset-valid-until = リンクの有効期限
page-new-password = 新しいパスワード
page-repeat-password = 新しいパスワード (確認)
page-reset-submit = 新しいパスワードを設定
page-request-new-link = 新しいリンクを依頼

## Page script messages: `{name}` markers are filled by the script

js-error-invalid_credentials = ユーザー名またはパスワードが正しくありません。
js-error-mfa_required = 認証アプリの 6 桁のコードを入力してください。
js-error-invalid_mfa_code = コードが正しくありません。認証アプリに表示されている現在のコードを入力してください。
js-error-unauthenticated = セッションが終了しました。もう一度サインインしてください。
js-error-password_change_required = 続行する前に新しいパスワードを設定してください。
js-error-forbidden = この操作は許可されていません。
js-error-not_found = 見つかりません。
js-error-invalid_token = このリンクは有効期限が切れているか、すでに使用されています。リンクは 1 回だけ、一定の時間内のみ使用できます。
js-error-password_policy = 新しいパスワードが次のルールを満たしていません:
js-error-invalid_current_password = 現在のパスワードが正しくありません。
js-error-password_change_not_allowed = ここではパスワードを変更できません。管理者にお問い合わせください。
js-error-mfa_required_for_admin = 組織では、パスワードを再設定する管理者に 2 段階認証が必要ですが、あなたの 2 段階認証は無効です。
js-error-externally_managed = このアカウントはディレクトリ (LDAP または Entra ID) で管理されています。パスワードはそちらで変更してください。
js-error-account_disabled = このアカウントは無効です。先に有効にしてください。
js-error-username_taken = このユーザー名はすでに使われています。
js-error-mfa_already_enabled = 2 段階認証はすでに有効です。
js-error-mfa_required_by_policy = 組織ではあなたのアカウントに 2 段階認証が必要なため、無効にできません。
js-error-mfa_enrollment_required = 組織では 2 段階認証が必要です。先にアカウントページで設定してください。
js-error-busy = サービスが混み合っています。しばらくしてからもう一度お試しください。
js-error-conflict = 同時に誰かが変更しました。もう一度お試しください。
js-error-internal = サーバー側で問題が発生しました。後でもう一度お試しください。
js-error-too_many_attempts = 試行回数が多すぎます。
js-error-invalid_branding = 色、名前、または連絡先を受け付けられませんでした。
js-error-invalid_logo = ロゴは 64 KiB 以下の PNG、JPEG、または WebP 画像にしてください。
js-error-invalid_request = リクエストを受け付けられませんでした。
js-unreachable = サービスに接続できません。接続を確認して、もう一度お試しください。
js-generic-failure = 問題が発生しました。
js-lockout-unknown = 試行回数が多すぎます。しばらく待ってから、もう一度お試しください。
js-lockout = 試行回数が多すぎます。安全のためサインインを一時停止しています。{ $span }後 ({ $time } 以降) にもう一度お試しください。
js-violation-too_short = { $min } 文字以上にしてください。
js-violation-too_long = { $max } 文字以下にしてください。
js-violation-common_password = このパスワードはよく使われすぎています。
js-violation-contains_context = ユーザー名、メールアドレス、組織名を使わないでください。
js-violation-missing_character_classes = 小文字、大文字、数字、記号のうち { $classes } 種類以上を使ってください。
js-violation-breached_password = このパスワードは既知のデータ漏えいに含まれています。別のパスワードを選んでください。
js-violation-reused_password = 現在のパスワードや直近 { $history } 個のパスワードを再利用しないでください。
js-policy-intro = 新しいパスワードの条件:
js-policy-length = { $min } 文字以上 { $max } 文字以下。
js-policy-history = 現在のパスワードおよび直近 { $count } 個のパスワード以外。
js-policy-common = よく使われるパスワードではないこと。
js-policy-context = ユーザー名、メールアドレス、組織名を含まないこと。
js-policy-classes = 小文字、大文字、数字、記号のうち { $count } 種類以上。
js-mismatch = 2 つの新しいパスワードが一致しません。新しいパスワードを 2 回入力してください。
js-never = なし
js-brand-default = アカウントへのアクセス
js-signed-out = サインアウトしました。
js-signed-in = サインインしました。
js-sign-in-failed = サインインできませんでした。
js-enter-username-password = ユーザー名とパスワードを入力してください。
js-recovery-label = リカバリーコード
js-totp-label = ワンタイムコード
js-recovery-help = 2 段階認証の設定時に保存したリカバリーコードの 1 つです (例: k7vq-2mxp-9d4h)。各コードは 1 回だけ使用できます。
js-totp-help = 認証アプリがこのアカウントに表示する 6 桁のコードです。
js-use-app-code = 代わりにアプリのコードを使う
js-use-recovery = リカバリーコードを使う
js-recovery-wrong = このリカバリーコードは正しくないか、すでに使用されています。各コードは 1 回だけ使用できます。
js-forgot-help-username = ユーザー名を入力してください。一致するアカウントがあれば、そのメールアドレスに新しいパスワードを設定するリンクを送信します。
js-forgot-help-both = ユーザー名とメールアドレスを入力してください。両方に一致するアカウントがあれば、新しいパスワードを設定するリンクを送信します。
js-forgot-help-email = メールアドレスを入力してください。一致するアカウントがあれば、新しいパスワードを設定するリンクを送信します。
js-enter-username-email = ユーザー名とメールアドレスを入力してください。
js-enter-email = メールアドレスを入力してください。
js-enter-username = ユーザー名を入力してください。
js-forgot-sent = 一致するアカウントがあれば、再設定リンクを送信しました。
js-forgot-inbox = 受信トレイ (と迷惑メールフォルダー) を確認してください。リンクは 1 回だけ使用でき、有効期限があります。
js-forgot-nothing = 数分待ってもメールが届かない場合は、入力内容を確認するか、管理者にお問い合わせください。
js-reset-ask-new = 新しいリンクを依頼してください:
js-reset-request-link = 新しい再設定リンクを依頼
js-reset-incomplete = このリンクは不完全です (# 以降がありません)。メールのリンク全体を開くか、新しいリンクを依頼してください。
js-enter-new-password = 新しいパスワードを入力してください。
js-reset-done = パスワードを変更しました。新しいパスワードでサインインできます。
js-sign-in = サインイン
