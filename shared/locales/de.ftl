# Latchkey, Deutsch.

## Durations and counts

duration-minutes = { $count ->
    [one] { $count } Minute
   *[other] { $count } Minuten
}
duration-hours = { $count ->
    [one] { $count } Stunde
   *[other] { $count } Stunden
}
duration-days = { $count ->
    [one] { $count } Tag
   *[other] { $count } Tage
}

## Emails: shared parts

mail-support-heading = Fragen? Wenden Sie sich an { $tenant }:
mail-support-email = E-Mail: { $address }
mail-support-phone = Telefon: { $address }
mail-support-url = Web: { $address }
mail-automatic = Diese Nachricht wurde automatisch von { $tenant } versendet. Bitte antworten Sie nicht darauf.
mail-link-hint = Öffnen Sie diesen Link in Ihrem Browser:

## Emails: one block per kind

mail-reset-subject = Ihr Passwort für { $tenant } zurücksetzen
mail-reset-intro = Jemand hat angefordert, das Passwort von { $username } bei { $tenant } zurückzusetzen. Wenn Sie das waren, wählen Sie über den Link unten ein neues Passwort. Falls nicht, ignorieren Sie diese E-Mail: Ihr Passwort bleibt unverändert.
mail-reset-validity = Der Link funktioniert einmal und ist { $duration } gültig.
mail-reset-button = Neues Passwort wählen

mail-activation-subject = Ihr Konto bei { $tenant } aktivieren
mail-activation-intro = Für Sie wurde bei { $tenant } ein Konto mit dem Benutzernamen { $username } eingerichtet. Wählen Sie über den Link unten ein Passwort.
mail-activation-button = Passwort wählen

mail-contact-admin-subject = Zu Ihrem Passwort bei { $tenant }
mail-contact-admin-intro = Jemand hat angefordert, das Passwort von { $username } bei { $tenant } zurückzusetzen.
mail-contact-admin-body = Das Passwort dieses Kontos kann nicht per E-Mail zurückgesetzt werden. Bitte wenden Sie sich an Ihre Administration. Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail.

mail-elsewhere-subject = Ein Passwort-Link von { $tenant } wurde für Sie versendet
mail-elsewhere-intro = Eine Administratorin oder ein Administrator von { $tenant } hat einen Link zum Festlegen des Passworts von { $username } an eine andere E-Mail-Adresse gesendet.
mail-elsewhere-body = Wenn Sie das nicht erwartet haben, wenden Sie sich an Ihre Administration.

mail-locked-subject = Ihr Konto bei { $tenant } wurde gesperrt
mail-locked-intro = Es gab zu viele fehlgeschlagene Anmeldungen bei { $username } in { $tenant }, daher ist das Konto vorerst für alle gesperrt.
mail-locked-body = Setzen Sie Ihr Passwort über den Link unten zurück, um das Konto sofort zu entsperren. Wenn die fehlgeschlagenen Anmeldungen nicht von Ihnen stammen, versucht vielleicht jemand, Ihr Passwort zu erraten: Wählen Sie ein neues, einzigartiges.
mail-locked-button = Passwort zurücksetzen

mail-email-changed-subject = Die E-Mail-Adresse Ihres Kontos bei { $tenant } wurde geändert
mail-email-changed-intro = Eine Administratorin oder ein Administrator von { $tenant } hat die E-Mail-Adresse von { $username } in { $address } geändert. Links zum Zurücksetzen des Passworts gehen jetzt dorthin, und vor der Änderung gesendete Links funktionieren nicht mehr.
mail-email-changed-body = Wenn Sie das nicht erwartet haben, wenden Sie sich sofort an Ihre Administration.

mail-recovery-used-subject = Für Ihr Konto bei { $tenant } wurde ein Wiederherstellungscode verwendet
mail-recovery-used-intro = Soeben hat sich jemand mit einem Wiederherstellungscode bei { $username } in { $tenant } angemeldet. { $count ->
    [one] Sie haben noch { $count } Code; jeder funktioniert einmal.
   *[other] Sie haben noch { $count } Codes; jeder funktioniert einmal.
}
mail-recovery-used-body = Wenn Sie das nicht waren, setzen Sie Ihr Passwort zurück und wenden Sie sich sofort an Ihre Administration. Wenn Sie Ihre Authenticator-App verloren haben, richten Sie eine neue ein und erstellen Sie neue Wiederherstellungscodes.

mail-mfa-on-subject = Die Zwei-Schritt-Anmeldung wurde für Ihr Konto bei { $tenant } eingeschaltet
mail-mfa-on-intro = Die Zwei-Schritt-Anmeldung wurde soeben für { $username } bei { $tenant } eingeschaltet. Alle anderen angemeldeten Sitzungen wurden abgemeldet.
mail-mfa-off-subject = Die Zwei-Schritt-Anmeldung wurde für Ihr Konto bei { $tenant } ausgeschaltet
mail-mfa-off-intro = Die Zwei-Schritt-Anmeldung wurde soeben für { $username } bei { $tenant } ausgeschaltet. Alle anderen angemeldeten Sitzungen wurden abgemeldet.
mail-mfa-body = Wenn Sie das nicht waren, setzen Sie Ihr Passwort zurück und wenden Sie sich sofort an Ihre Administration.

mail-changed-subject = Ihr Passwort bei { $tenant } wurde geändert
mail-changed-intro = Das Passwort von { $username } bei { $tenant } wurde soeben geändert. Alle anderen angemeldeten Sitzungen wurden abgemeldet.
mail-changed-body = Wenn Sie das nicht waren, wenden Sie sich sofort an Ihre Administration.
