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
mail-reset-validity = The link works once and is valid for { $duration }.
mail-reset-button = Choose a new password

mail-activation-subject = Activate your { $tenant } account
mail-activation-intro = An account with the username { $username } was set up for you at { $tenant }. Choose a password with the link below.
mail-activation-button = Choose your password

mail-contact-admin-subject = About your { $tenant } password
mail-contact-admin-intro = Someone asked to reset the password of { $username } at { $tenant }.
mail-contact-admin-body = This account's password cannot be reset by email. Please contact your administrator. If you did not ask, ignore this email.

mail-elsewhere-subject = A { $tenant } password link was sent for you
mail-elsewhere-intro = An administrator of { $tenant } sent a link to set the password of { $username } to another email address.
mail-elsewhere-body = If you did not expect this, contact your administrator.

mail-locked-subject = Your { $tenant } account was locked
mail-locked-intro = There were too many failed sign-ins to { $username } at { $tenant }, so the account is locked for everyone for now.
mail-locked-body = Reset your password with the link below to unlock it at once. If the failed sign-ins were not yours, someone may be guessing your password: choose a new, unique one.
mail-locked-button = Reset your password

mail-email-changed-subject = The email address of your { $tenant } account was changed
mail-email-changed-intro = An administrator of { $tenant } changed the email address of { $username } to { $address }. Password reset links now go there, and links sent before the change no longer work.
mail-email-changed-body = If you did not expect this, contact your administrator at once.

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
page-request-new-link = Request a new link

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
js-policy-length = At least { $min } and at most { $max } characters.
js-policy-history = Not your current password or any of your last { $count }.
js-policy-common = Not a commonly used password.
js-policy-context = Not containing your username, email address or organisation name.
js-policy-classes = At least { $count } of: lower case, upper case, digits, symbols.
js-mismatch = The two new passwords are not the same. Type the new password twice.
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
js-sign-in = Sign in
