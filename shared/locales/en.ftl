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
