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
