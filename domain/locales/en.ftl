# Latchkey, English (the reference catalogue: every other locale has exactly its ids).
# Variables: $tenant (display name), $username, $count, $duration, $address.

## Durations and counts

duration-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
duration-hours = { $count ->
    [one] { $count } hour
   *[other] { $count } hours
}
duration-days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}

## Emails: shared parts

mail-support-heading = Questions? Contact { $tenant }:
mail-support-email = Email: { $address }
mail-support-phone = Phone: { $address }
mail-support-url = Web: { $address }
mail-automatic = This message was sent automatically by { $tenant }. Please do not reply to it.
mail-link-hint = Open this link in your browser:

## Emails: one block per kind

mail-reset-subject = Reset your { $tenant } password
mail-reset-intro = Someone asked to reset the password of { $username } at { $tenant }. If it was you, choose a new password with the link below. If not, ignore this email: your password stays as it is.
mail-reset-intro-admin = { $who }, an administrator of { $tenant }, sent you this link to choose a new password for { $username }. Your current password works until you do.
mail-reset-intro-bulk = { $who }, an administrator of { $tenant }, asked the people of { $tenant }, you among them, to choose a new password for { $username }. Your current password works until you do.
mail-reset-intro-support = { $tenant }'s platform support sent you this link to choose a new password for { $username }, for the request { $who }. Your current password works until you do.
mail-reset-validity = The link works once and is valid for { $duration }.
mail-reset-button = Choose a new password

mail-activation-subject = Activate your { $tenant } account
mail-activation-intro = An account with the username { $username } was set up for you at { $tenant }. Choose a password with the link below.
mail-activation-intro-admin = { $who }, an administrator of { $tenant }, set up an account with the username { $username } for you. Choose a password with the link below.
mail-activation-button = Choose your password

mail-contact-admin-subject = About your { $tenant } password
mail-contact-admin-intro = Someone asked to reset the password of { $username } at { $tenant }.
mail-contact-admin-body = This account's password cannot be reset by email. Please contact your administrator. If you did not ask, ignore this email.

mail-elsewhere-subject = A { $tenant } password link was sent for you
mail-elsewhere-intro = An administrator of { $tenant } sent a link to set the password of { $username } to another email address.
mail-elsewhere-body = If you did not expect this, contact your administrator.

mail-locked-subject = Your { $tenant } account was locked
mail-locked-intro = There were too many failed sign-ins to { $username } at { $tenant }, so the account is locked for everyone for now.
mail-locked-body = Unlock it with the link below: your password stays as it is, and signing in still needs it (and your second factor). If the failed sign-ins were not yours, someone may be guessing your password: change it once you are signed in.
mail-locked-button = Unlock your account

mail-email-changed-subject = The email address of your { $tenant } account was changed
mail-email-changed-intro = An administrator of { $tenant } changed the email address of { $username } to { $address }. Password reset links now go there, and links sent before the change no longer work.
mail-email-changed-body = If you did not expect this, contact your administrator at once.

mail-expiry-subject = Your { $tenant } password expires in { $duration }
mail-expiry-intro = The password of { $username } at { $tenant } expires in { $duration }. After that, the next sign-in asks for a new password before anything else.
mail-expiry-body = Choose a new one now: sign in with the link below and change your password on your account page. If you did not expect this, contact your administrator.
mail-expiry-button = Change your password

mail-recovery-used-subject = A recovery code was used for your { $tenant } account
mail-recovery-used-intro = Someone just signed in to { $username } at { $tenant } with a recovery code. { $count ->
    [one] { $count } of your codes is left; each works once.
   *[other] { $count } of your codes are left; each works once.
}
mail-recovery-used-body = If it was not you, reset your password and contact your administrator at once. If you lost your authenticator, set up a new one and make new recovery codes.

mail-mfa-on-subject = Two-step sign-in was turned on for your { $tenant } account
mail-mfa-on-intro = Two-step sign-in was just turned on for { $username } at { $tenant }. Every other signed-in session was signed out.
mail-mfa-off-subject = Two-step sign-in was turned off for your { $tenant } account
mail-mfa-off-intro = Two-step sign-in was just turned off for { $username } at { $tenant }. Every other signed-in session was signed out.
mail-mfa-body = If you did not do this, reset your password and contact your administrator at once.

mail-changed-subject = Your { $tenant } password was changed
mail-changed-intro = The password of { $username } at { $tenant } was just changed. Every other signed-in session was signed out.
mail-changed-body = If you did not do this, contact your administrator at once.

mail-change-by-self = The change was made by someone signed in to { $username }, or with a link sent to its email address.
mail-change-by-admin = The change was made by { $who }, an administrator of { $tenant }.
mail-change-by-bulk = The change was made by { $who }, an administrator of { $tenant }, as part of a change to many accounts.
mail-change-by-support = The change was made by { $tenant }'s platform support, for the request { $who }.
mail-report-hint = If you did not make or expect this change, use the link below: signing in to { $username } stops at once, every session is signed out, and the administrators of { $tenant } are told. The link works once and is valid for { $duration }.
mail-report-button = This wasn't me

mail-reported-subject = { $username } at { $tenant } reported a change they did not make
mail-reported-intro = The owner of { $username } at { $tenant } said that a recent change to the account was not theirs ("This wasn't me").
mail-reported-what-password = The change was to the account's password.
mail-reported-what-mfa = The change was to the account's two-step sign-in.
mail-reported-what-email = The change was to the account's email address.
mail-reported-what-recovery = The report is about a sign-in with one of the account's recovery codes.
mail-reported-body = Signing in to { $username } is stopped, its sessions are signed out and its links no longer work. It stays so until a new password is set: check the account's recent events in the audit log, then send it a reset link or set a password.

## Pages: rendered into the HTML by the server

page-language-name = English
page-language = Language
page-brand-default = Account access
page-index-intro = Sign-in, password reset and account pages, per organisation.
page-index-tenant = Organisation id
page-index-open = Open sign-in page
page-index-pages = Pages:
page-sign-in-title = Sign in
page-username = Username
page-password = Password
page-email = Email
page-totp = One-time code
page-totp-help = The 6-digit code your authenticator app shows for this account.
page-use-recovery = Use a recovery code
page-forgot-link = Forgot your password?
page-support-heading = Need help?
page-forgot-title = Forgot password
page-forgot-heading = Forgot your password?
page-forgot-help-email = Enter your email address. If an account matches, we send it a link to choose a new password.
page-forgot-submit = Send reset link
page-back-to-sign-in = Back to sign in
page-reset-title = Choose a new password
page-reset-checking = Checking your link…
page-reset-account = Account
page-reset-valid-until = Link valid until
page-new-password = New password
page-repeat-password = Repeat new password
page-reset-submit = Set new password
page-unlock-title = Unlock your account
page-unlock-intro = Your account was locked after too many failed sign-ins. Unlocking it does not change your password: you sign in with it (and your second factor) as before.
page-unlock-submit = Unlock my account
page-request-new-link = Request a new link
page-report-title = Report a change you did not make
page-report-intro = We emailed you about a change to your account: a new password, two-step sign-in turned on or off, a new email address, or a sign-in with a recovery code. If it was not you, someone else may be able to sign in to your account.
page-report-what = When you report it:
page-report-what-sign-in = Signing in to your account stops at once, until an administrator or a password reset restores it.
page-report-what-sessions = Every device signed in to your account is signed out, and links sent to you before stop working.
page-report-what-admins = Your organisation's administrators are told, so that they can look into it.
page-report-yours = If the change was yours, you need not do anything: just close this page.
page-report-confirm = Did someone else make this change?
page-report-submit = Yes, report it: this wasn't me
page-sessions-title = Your sessions
page-sessions-help = Where your account is signed in now. If you do not recognise one, sign it out and change your password.
page-sessions-others = Sign out everywhere else

## Pages: the account page and the admin console

page-nav-label = Pages
page-loading = Loading…
page-sign-out = Sign out
page-current-password = Current password
page-change-password = Change password
page-role = Role
page-mfa = Two-step sign-in
page-language-default = Organisation default
page-account-title = Your account
page-account-loading = Loading your account…
page-forced-intro = Your administrator gave you a temporary password. Choose your own password to continue.
page-forced-current-help = The temporary password you just signed in with.
page-enrol-required = Your organisation requires two-step sign-in for your account. Set it up below to continue: until then you can only do this, change your password or sign out.
page-codes-left = Recovery codes left
page-password-changed = Password changed
page-account-language = Language of your pages and emails
page-account-language-help = “Organisation default” follows your browser's language, then your organisation's.
page-account-language-save = Save language
page-mfa-on = Two-step sign-in is on. Each sign-in asks for a code from your authenticator app.
page-codes-title = Your recovery codes
page-codes-save = Save these codes somewhere safe, away from your phone.
page-codes-once = They are shown only this once.
page-codes-use = If you lose your authenticator app, each code signs you in once in place of a code from the app.
page-codes-copy = Copy
page-codes-download = Download
page-codes-done = I have saved my codes
page-regen-title = New recovery codes
page-regen-help = { $count ->
    [one] Makes a new set of { $count } code; the old ones stop working at once.
   *[other] Makes a new set of { $count } codes; the old ones stop working at once.
}
page-code-or-recovery = Code from your app, or a recovery code
page-mfa-off-title = Turn off two-step sign-in
page-mfa-off-help = Removes your authenticator app and your recovery codes. Signing in then needs only your password, and your other devices are signed out.
page-mfa-intro = Protect your account with a code from an authenticator app (for example Google Authenticator, Microsoft Authenticator or 1Password) on top of your password.
page-mfa-setup = Set up two-step sign-in
page-mfa-scan = 1. Scan this code with your authenticator app
page-mfa-key = Or type this key into the app:
page-mfa-enter = 2. Enter the code the app shows
page-mfa-turn-on = Turn on two-step sign-in
page-admin-title = Admin console
page-admin-users = Users
page-admin-audit = Audit log
page-admin-settings-nav = Settings
page-admin-denied = This console is for your organisation's administrators.
page-admin-go-account = Go to your account
page-admin-mfa-note = Your organisation requires two-step sign-in for administrators who send reset links or set passwords, and yours is off, so resets are refused.
page-admin-mfa-note-link = Set up two-step sign-in on your account page
page-admin-search-label = Username or email starts with
page-admin-search = Search
page-admin-next-page = Next page
page-admin-bulk-reset-mfa = Also reset two-step sign-in of the selected users, when each link is used
page-admin-bulk-send = Send reset links to selected users
page-admin-link-title = Send reset link
page-admin-link-help = The user chooses a new password; the old one keeps working until then. For a user not yet activated, this is the activation link.
page-admin-link-recipient = Send to another address (optional)
page-admin-link-reset-mfa = Also reset two-step sign-in, when the link is used (the user lost their authenticator app too)
page-admin-set-title = Set a password
page-admin-set-help = Only when the user cannot receive mail. The old password stops working at once and the user is signed out everywhere.
page-admin-set-temporary = Temporary: the user must choose a new password at next sign-in
page-admin-set-reset-mfa = Also reset two-step sign-in (the user lost their authenticator app too)
page-admin-set-submit = Set password
page-admin-mfa-reset-title = Reset two-step sign-in
page-admin-mfa-reset-help = For a user who lost their authenticator app: their app and recovery codes are removed, they are signed out everywhere and emailed, and they sign in with their password alone until they set it up again.
page-admin-mfa-reset-reason = Reason (optional, kept in the audit log)
page-admin-flags-title = Account settings
page-admin-status = Status
page-admin-status-active = Enabled (active)
page-admin-status-disabled = Disabled
page-admin-status-pending = Waiting for activation
page-admin-user-language = Language of pages and emails
page-admin-user-language-help = “Organisation default” follows the user's browser, then the default language in the branding settings.
page-admin-flag-cannot-change = May not change password
page-admin-flag-must-change = Must change password at next sign-in
page-admin-flags-save = Save account settings
page-admin-create-title = Create user
page-admin-email-optional = Email (optional)
page-admin-role-user = User
page-admin-send-activation = Send activation email
page-admin-audit-order = Newest first.
page-admin-audit-outcome = Outcome
page-admin-audit-more = Older events
page-admin-settings-title = Organisation settings
page-admin-policy = Password policy
page-admin-min-length = Minimum length
page-admin-max-length = Maximum length
page-admin-history = Previous passwords that may not be reused
page-admin-classes = Character classes required (0 to 4)
page-admin-block-common = Refuse common passwords
page-admin-block-context = Refuse passwords containing the username, email or organisation name
page-admin-links = Reset links and sessions
page-admin-identifier = Forgot-password form asks for
page-admin-identifier-both = Username and email
page-admin-link-ttl = Reset link lifetime (minutes)
page-admin-admin-ttl = Admin link lifetime (hours)
page-admin-session-ttl = Session lifetime (minutes)
page-admin-self-admins = Administrators may reset their own password by email
page-admin-mfa-admins = Administrators need two-step sign-in to reset others
page-admin-mfa-required = Two-step sign-in is required for
page-admin-mfa-required-help = Someone it applies to who has not set it up is taken to set it up after signing in, and can do nothing else until it is done.
page-admin-mfa-none = Nobody (each user chooses)
page-admin-mfa-admins-owners = Administrators and owners
page-admin-mfa-everyone = Everyone
page-admin-settings-save = Save settings
page-brand-title = Branding and language
page-brand-intro = How the sign-in, password reset and account pages and every email look to your users, and which language they speak when a reader's browser asks for none of ours.
page-brand-name = Display name
page-brand-name-help = Shown in the page header and in emails in place of the organisation's name (at most 64 characters).
page-brand-color = Colour
page-brand-color-help = The colour of the page header, the buttons and the emails, as # and six hexadecimal digits. White text must be readable on it (WCAG AA contrast of at least 4.5:1); leave empty for the standard blue.
page-brand-color-pick = Pick the colour
page-brand-support = Support contact
page-brand-support-help = Emails and pages tell your users whom to ask for help. Each of these is optional.
page-brand-support-email = Email address
page-brand-support-phone = Phone
page-brand-support-url = Web address (https://…)
page-brand-from = Sender name of emails
page-brand-from-help = The name your users see as the sender; the address stays the service's own.
page-brand-locale = Default language
page-brand-locale-help = For readers whose browser asks for none of these languages, and for emails to users who chose no language.
page-brand-save = Save branding
page-logo-title = Logo
page-logo-help = A PNG, JPEG or WebP image of at most 64 KiB, shown in the page header and in emails.
page-logo-none = No logo yet.
page-logo-current = The current logo
page-logo-file = Image file
page-logo-upload = Upload logo

## Page script messages: `{name}` markers are filled by the script

js-error-invalid_credentials = The username or password is incorrect.
js-error-mfa_required = Enter the 6-digit code from your authenticator app.
js-error-invalid_mfa_code = That code is not right. Enter the current code from your authenticator app.
js-error-unauthenticated = Your session has ended. Sign in again.
js-error-password_change_required = Choose a new password before you continue.
js-error-forbidden = You are not allowed to do that.
js-error-not_found = Not found.
js-error-invalid_token = This link has expired or has already been used. Each link works once and only for a limited time.
js-error-password_policy = The new password does not meet these rules:
js-error-invalid_current_password = The current password is incorrect.
js-error-password_change_not_allowed = Your password cannot be changed here. Ask your administrator.
js-error-mfa_required_for_admin = Your organisation requires two-step sign-in for administrators who reset passwords, and yours is off.
js-error-externally_managed = This account is managed by a directory (LDAP or Entra ID); change its password there.
js-error-account_disabled = This account is disabled. Enable it first.
js-error-username_taken = That username is already taken.
js-error-mfa_already_enabled = Two-step sign-in is already on.
js-error-mfa_required_by_policy = Your organisation requires two-step sign-in for your account, so it cannot be turned off.
js-error-mfa_enrollment_required = Your organisation requires two-step sign-in. Set it up on your account page first.
js-error-busy = The service is busy. Try again in a moment.
js-error-conflict = Someone changed this at the same time. Try again.
js-error-internal = Something went wrong on our side. Try again later.
js-error-too_many_attempts = Too many attempts.
js-error-invalid_branding = The colour, name or contact was not accepted.
js-error-invalid_logo = The logo must be a PNG, JPEG or WebP image of at most 64 KiB.
js-error-invalid_settings = Some settings are outside their allowed range.
js-field-range = { $field }: from { $min } to { $max }.
js-error-invalid_request = The request was not accepted.
js-unreachable = The service cannot be reached. Check your connection and try again.
js-generic-failure = Something went wrong.
js-lockout-unknown = Too many attempts. Wait a while, then try again.
js-lockout = Too many attempts. For your security, sign-in is paused: try again in { $span } (after { $time }).
js-violation-too_short = Use at least { $min } characters.
js-violation-too_long = Use at most { $max } characters.
js-violation-common_password = This password is too common.
js-violation-contains_context = Do not use your username, email or organisation name.
js-violation-missing_character_classes = Use at least { $classes } of: lower case, upper case, digits, symbols.
js-violation-breached_password = This password appeared in known data breaches. Choose another.
js-violation-reused_password = Do not reuse your current password or any of your last { $history }.
js-policy-intro = Your new password must be:
js-policy-history = Not your current password or any of your last { $count }.
js-policy-common = Not a commonly used password.
js-policy-context = Not containing your username, email address or organisation name.
js-policy-classes = At least { $count } of: lower case, upper case, digits, symbols.
js-mismatch = The two new passwords are not the same. Type the new password twice.
js-policy-min = At least { $min } characters long.
js-policy-max = At most { $max } characters long.
js-policy-match = Typed the same in both fields.
js-policy-breached = Not found in known data breaches.
js-policy-on-save = (checked when you save)
js-policy-met = Done:
js-policy-unmet = Not yet:
js-lockout-paused = Too many attempts. For your security, sign-in is paused until { $time }.
js-lockout-countdown = You can try again in { $span }.
js-lockout-over = You can try again now.
js-support-intro-tenant = Questions about your account? Contact { $tenant }:
js-support-intro = Questions about your account? Contact your organisation's support:
js-support-email = Email
js-support-phone = Phone
js-support-web = Web
js-support-pointer = Need help now? See whom to contact.
js-never = never
js-brand-default = Account access
js-signed-out = You are signed out.
js-signed-in = Signed in.
js-sign-in-failed = Sign-in failed.
js-enter-username-password = Enter your username and password.
js-recovery-label = Recovery code
js-totp-label = One-time code
js-recovery-help = One of the recovery codes you saved when you set up two-step sign-in, like k7vq-2mxp-9d4h. Each works once.
js-totp-help = The 6-digit code your authenticator app shows for this account.
js-use-app-code = Use a code from your app instead
js-use-recovery = Use a recovery code
js-recovery-wrong = That recovery code is not right, or it was already used. Each code works once.
js-forgot-help-username = Enter your username. If an account matches, we send a link to its email address to choose a new password.
js-forgot-help-both = Enter your username and your email address. If an account matches both, we send it a link to choose a new password.
js-forgot-help-email = Enter your email address. If an account matches, we send it a link to choose a new password.
js-enter-username-email = Enter your username and email address.
js-enter-email = Enter your email address.
js-enter-username = Enter your username.
js-forgot-sent = If an account matches, we have sent a reset link.
js-forgot-inbox = Check your inbox (and spam folder). The link works once and expires.
js-forgot-nothing = No email within a few minutes? Check what you typed, or ask your administrator.
js-reset-ask-new = Ask for a new one:
js-reset-request-link = request a new reset link
js-reset-incomplete = This link is incomplete: the part after # is missing. Open the whole link from the email, or request a new one.
js-enter-new-password = Enter a new password.
js-reset-done = Your password was changed. You can sign in with it now.
js-unlock-done = Your account is unlocked. Sign in with your password.
js-unlock-incomplete = This unlock link is incomplete: the part after # is missing. Open the whole link from the email.
js-sign-in = Sign in
js-report-incomplete = This link is incomplete: the part after # is missing. Open the whole link from the email.
js-report-done = Reported. Signing in to your account is now off.
js-report-done-sessions = Every device signed in to your account was signed out, and links sent before no longer work. Your organisation's administrators were told.
js-report-done-restore = Sign-in comes back when an administrator restores it, or when you choose a new password with a reset link sent to your email address.
js-report-choose-password = Choose a new password now
js-report-ask-admin = Questions? Contact your organisation's administrator.
js-report-invalid = This link has expired or has already been used, so nothing was changed. If you still think someone else changed your account, contact your organisation's support.
js-continue-to = Continue to { $tenant }
js-continue = Continue
js-forced-intro = Choose a new password to continue.
js-forced-intro-temporary_password = Your administrator gave you a temporary password. Choose your own password to continue.
js-forced-intro-admin_requested = Your administrator asks you to choose a new password before you continue.
js-forced-intro-expired = Your password has expired: your organisation asks for a new one from time to time. Choose a new password to continue.
js-forced-current-help = The password you just signed in with.
js-forced-current-help-temporary_password = The temporary password you just signed in with.
js-forced-current-now = For your security, enter the password you signed in with once more: you signed in a while ago.
js-error-password_too_recent = Your password was changed a short time ago. Your organisation asks you to wait before you change it again.
js-password-too-recent = Your password was changed a short time ago. Your organisation lets you change it again from { $time }.
js-violation-missing_letter_or_digit = Use at least one letter and one digit.
js-violation-too_short-without-mfa = Use at least { $min } characters, or { $single } if your account has no two-step sign-in.
js-policy-min-without-mfa = At least { $min } characters long if your account has no two-step sign-in.
js-policy-letter-digit = At least one letter and one digit.
js-session-unknown-device = Unknown browser
js-session-browser-on = { $browser } on { $system }
js-session-this-device = This device
js-session-ip = IP address: { $ip }
js-session-unknown-ip = unknown
js-session-last-used = Last used: { $time }
js-session-signed-in = Signed in: { $time }
js-session-sign-out = Sign out
js-session-sign-out-named = Sign out { $device } ({ $ip })
js-session-signed-out = { $device } was signed out.
js-sessions-others-done = You were signed out everywhere else. Only this device is still signed in.

## Page script messages of the account page and the admin console. A message
## with a count has three variants, `-one`, `-few` and `-other`: the script
## picks one by the page language's plural rule (Intl.PluralRules; Czech uses
## `-few` for 2 to 4), and a language without such a form repeats `-other`.

js-none = none
js-on = On
js-off = Off
js-role-user = User
js-role-admin = Administrator
js-role-owner = Owner
js-status-active = Active
js-status-disabled = Disabled
js-status-pending_activation = Waiting for activation
js-account-title = Your account
js-enrol-title = Set up two-step sign-in
js-codes-none = You have no recovery codes. Make new ones, so that you can still sign in if you lose your phone.
js-codes-low-one = Only { $count } recovery code left. Make new ones before you run out.
js-codes-low-few = Only { $count } recovery codes left. Make new ones before you run out.
js-codes-low-other = Only { $count } recovery codes left. Make new ones before you run out.
js-enter-current-password = Enter your current password.
js-forced-done = Your password was changed. You are signed in.
js-change-done = Your password was changed. Other devices signed in to your account were signed out.
js-enter-app-code = Enter the 6-digit code your app shows.
js-mfa-on-done = Two-step sign-in is on. From now on, signing in asks for a code from your app.
js-mfa-on-unlocked = You can now use your account.
js-codes-file-title = Recovery codes for { $username } ({ $date })
js-codes-file-title-tenant = Recovery codes for { $username } at { $tenant } ({ $date })
js-codes-file-help = Each code signs you in once in place of a code from your authenticator app.
js-codes-copied = The codes are copied. Paste them into your password manager or a file you keep safe.
js-codes-copy-blocked = Copying is not allowed here: the codes are selected, press Ctrl+C (or ⌘C) to copy them.
js-codes-saved-one = Recovery codes saved. You have { $count } code left.
js-codes-saved-few = Recovery codes saved. You have { $count } codes left.
js-codes-saved-other = Recovery codes saved. You have { $count } codes left.
js-enter-code-or-recovery = Enter a code from your authenticator app, or a recovery code.
js-mfa-code-wrong = That code is not right. Enter the current code from your app, or an unused recovery code.
js-regen-done = New recovery codes made. Your old codes no longer work.
js-mfa-off-done = Two-step sign-in is off. Signing in now needs only your password; your other devices were signed out.
js-qr-label = QR code to add this account to your authenticator app
js-language-saved = Your language setting was saved.
js-whoami = Signed in as { $username } ({ $role }).
js-users-none = No users match.
js-users-shown-one = Users: { $count } shown.
js-users-shown-few = Users: { $count } shown.
js-users-shown-other = Users: { $count } shown.
js-users-matching-one = Users starting with “{ $q }”: { $count } shown.
js-users-matching-few = Users starting with “{ $q }”: { $count } shown.
js-users-matching-other = Users starting with “{ $q }”: { $count } shown.
js-badge-must-change = Must change password
js-badge-may-not-change = May not change password
js-badge-directory = Directory: { $source }
js-badge-no-email = No email
js-badge-email-bounced = Email bounced
js-badge-email-complained = Email marked as spam
js-email-bounced = bounced
js-email-complained = marked as spam
js-email-with-status = { $email } ({ $status })
js-no-email = no email
js-bulk-send = Send reset links to selected users
js-bulk-send-one = Send reset links to { $count } selected user
js-bulk-send-few = Send reset links to { $count } selected users
js-bulk-send-other = Send reset links to { $count } selected users
js-bulk-line-sent = { $name }: link sent
js-bulk-line-not-found = { $name }: not found
js-bulk-line-skipped = { $name }: skipped, { $reason }
js-bulk-result-one = { $sent } of { $count } link sent.
js-bulk-result-few = { $sent } of { $count } links sent.
js-bulk-result-other = { $sent } of { $count } links sent.
js-bulk-mfa-note = Two-step sign-in is removed as each link is used.
js-skip-no_email = no email address
js-skip-email_undeliverable = mail to this address bounced or was marked as spam
js-skip-externally_managed = managed by a directory (LDAP or Entra ID)
js-skip-account_disabled = account disabled
js-skip-forbidden = you may not reset this account
js-skip-duplicate = listed twice
js-skip-not_found = no such user
js-skip-other = not eligible
js-fact-email = Email
js-fact-role = Role
js-fact-status = Status
js-fact-mfa = Two-step sign-in
js-fact-source = Source
js-fact-password-changed = Password changed
js-fact-permissions = Permissions
js-fact-language = Language
js-source-local = Local
js-source-ldap = LDAP
js-source-entra_id = Entra ID
js-permission-users_read = see users
js-permission-users_manage = manage users
js-permission-passwords_reset = send reset links
js-permission-passwords_set = set passwords
js-permission-audit_read = read the audit log
js-permission-mfa_reset = reset two-step sign-in
js-language-default = Organisation default
js-link-sent = Reset link sent to { $to }. It is valid until { $time }.
js-link-sent-user = Reset link sent to the user. It is valid until { $time }.
js-link-mfa-note = Two-step sign-in is removed when the link is used; until then it stays on.
js-enter-the-new-password = Enter the new password.
js-temporary-set = Temporary password set. Tell the user through a channel you trust; they must choose a new one when they sign in.
js-password-set = Password set. The user was signed out everywhere.
js-mfa-reset-too = Two-step sign-in was reset too.
js-nothing-changed = Nothing changed.
js-flags-saved = Account settings saved.
js-mfa-reset-done = Two-step sign-in reset for { $username }. They were signed out everywhere and emailed; they can sign in with their password alone and set it up again.
js-enter-a-username = Enter a username.
js-activation-needs-email = An activation email needs an email address. Add one, or untick “Send activation email”.
js-user-created-activation = User { $username } created; an activation link was sent.
js-user-created = User { $username } created. Send a reset link or set a password to activate it.
js-audit-empty = No events yet.
js-outcome-success = success
js-outcome-failure = failure
js-outcome-refused = refused
js-settings-saved = Settings saved.
js-brand-saved = Branding saved. The pages and emails use it from now on.
js-brand-name = The display name must be a name of at most 64 characters, without < > @ " or control characters.
js-brand-from = The sender name must be a name of at most 64 characters, without < > @ " or control characters.
js-brand-color-format = Write the colour as # and six hexadecimal digits, for example #0b5394.
js-brand-color-contrast = This colour is too light: white text on it would be hard to read (below the WCAG AA contrast of 4.5:1). Choose a darker one.
js-brand-support-email = The support email address is not a valid address, or it is too long.
js-brand-support-phone = The support phone number may hold only digits, spaces and + - ( ) . (at most 40 characters).
js-brand-support-url = The support web address must start with https:// or http:// (at most 2000 characters).
js-logo-saved = Logo uploaded. The pages and emails show it from now on.
js-logo-choose = Choose an image file first.
js-logo-too-big = The file is larger than 64 KiB.
js-logo-type = The file is not a PNG, JPEG or WebP image (SVG is not accepted).
js-logo-unreadable = The image data cannot be read.
js-logo-dimensions = The image must be between 1 and 4096 pixels on each side.
