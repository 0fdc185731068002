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

## Pages: rendered into the HTML by the server

page-language-name = Deutsch
page-language = Sprache
page-brand-default = Kontozugang
page-index-intro = Anmeldung, Passwort-Zurücksetzung und Kontoseiten, je Organisation.
page-index-tenant = Kennung der Organisation
page-index-open = Anmeldeseite öffnen
page-index-pages = Seiten:
page-sign-in-title = Anmelden
page-username = Benutzername
page-password = Passwort
page-email = E-Mail
page-totp = Einmalcode
page-totp-help = Der 6-stellige Code, den Ihre Authenticator-App für dieses Konto anzeigt.
page-use-recovery = Wiederherstellungscode verwenden
page-forgot-link = Passwort vergessen?
page-forgot-title = Passwort vergessen
page-forgot-heading = Passwort vergessen?
page-forgot-help-email = Geben Sie Ihre E-Mail-Adresse ein. Wenn ein Konto dazu passt, senden wir ihm einen Link, mit dem Sie ein neues Passwort wählen.
page-forgot-submit = Link zum Zurücksetzen senden
page-back-to-sign-in = Zurück zur Anmeldung
page-reset-title = Neues Passwort wählen
page-reset-checking = Ihr Link wird geprüft …
page-reset-account = Konto
page-reset-valid-until = Link gültig bis
page-new-password = Neues Passwort
page-repeat-password = Neues Passwort wiederholen
page-reset-submit = Neues Passwort festlegen
page-request-new-link = Neuen Link anfordern

## Page script messages: `{name}` markers are filled by the script

js-error-invalid_credentials = Benutzername oder Passwort ist falsch.
js-error-mfa_required = Geben Sie den 6-stelligen Code aus Ihrer Authenticator-App ein.
js-error-invalid_mfa_code = Dieser Code stimmt nicht. Geben Sie den aktuellen Code aus Ihrer Authenticator-App ein.
js-error-unauthenticated = Ihre Sitzung ist abgelaufen. Melden Sie sich erneut an.
js-error-password_change_required = Wählen Sie ein neues Passwort, bevor Sie fortfahren.
js-error-forbidden = Das dürfen Sie nicht.
js-error-not_found = Nicht gefunden.
js-error-invalid_token = Dieser Link ist abgelaufen oder wurde schon verwendet. Jeder Link funktioniert nur einmal und nur für begrenzte Zeit.
js-error-password_policy = Das neue Passwort erfüllt diese Regeln nicht:
js-error-invalid_current_password = Das aktuelle Passwort ist falsch.
js-error-password_change_not_allowed = Ihr Passwort kann hier nicht geändert werden. Fragen Sie Ihre Administration.
js-error-mfa_required_for_admin = Ihre Organisation verlangt die Zwei-Schritt-Anmeldung für Administratoren, die Passwörter zurücksetzen, und Ihre ist aus.
js-error-externally_managed = Dieses Konto wird von einem Verzeichnis verwaltet (LDAP oder Entra ID); ändern Sie das Passwort dort.
js-error-account_disabled = Dieses Konto ist deaktiviert. Aktivieren Sie es zuerst.
js-error-username_taken = Dieser Benutzername ist schon vergeben.
js-error-mfa_already_enabled = Die Zwei-Schritt-Anmeldung ist schon eingeschaltet.
js-error-mfa_required_by_policy = Ihre Organisation verlangt die Zwei-Schritt-Anmeldung für Ihr Konto, daher kann sie nicht ausgeschaltet werden.
js-error-mfa_enrollment_required = Ihre Organisation verlangt die Zwei-Schritt-Anmeldung. Richten Sie sie zuerst auf Ihrer Kontoseite ein.
js-error-busy = Der Dienst ist ausgelastet. Versuchen Sie es gleich noch einmal.
js-error-conflict = Jemand hat das gleichzeitig geändert. Versuchen Sie es noch einmal.
js-error-internal = Bei uns ist etwas schiefgegangen. Versuchen Sie es später noch einmal.
js-error-too_many_attempts = Zu viele Versuche.
js-error-invalid_branding = Farbe, Name oder Kontakt wurden nicht akzeptiert.
js-error-invalid_logo = Das Logo muss ein PNG-, JPEG- oder WebP-Bild von höchstens 64 KiB sein.
js-error-invalid_request = Die Anfrage wurde nicht angenommen.
js-unreachable = Der Dienst ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es noch einmal.
js-generic-failure = Etwas ist schiefgegangen.
js-lockout-unknown = Zu viele Versuche. Warten Sie eine Weile und versuchen Sie es dann noch einmal.
js-lockout = Zu viele Versuche. Zu Ihrer Sicherheit ist die Anmeldung pausiert: Versuchen Sie es in { $span } wieder (nach { $time }).
js-violation-too_short = Verwenden Sie mindestens { $min } Zeichen.
js-violation-too_long = Verwenden Sie höchstens { $max } Zeichen.
js-violation-common_password = Dieses Passwort ist zu verbreitet.
js-violation-contains_context = Verwenden Sie weder Benutzernamen noch E-Mail-Adresse noch den Namen der Organisation.
js-violation-missing_character_classes = Verwenden Sie mindestens { $classes } dieser Arten: Kleinbuchstaben, Großbuchstaben, Ziffern, Sonderzeichen.
js-violation-breached_password = Dieses Passwort ist in bekannten Datenlecks aufgetaucht. Wählen Sie ein anderes.
js-violation-reused_password = Verwenden Sie weder Ihr aktuelles noch eines Ihrer letzten { $history } Passwörter erneut.
js-policy-intro = Ihr neues Passwort muss:
js-policy-length = mindestens { $min } und höchstens { $max } Zeichen lang sein.
js-policy-history = sich von Ihrem aktuellen und Ihren letzten { $count } Passwörtern unterscheiden.
js-policy-common = kein häufig verwendetes Passwort sein.
js-policy-context = weder Ihren Benutzernamen noch Ihre E-Mail-Adresse noch den Namen der Organisation enthalten.
js-policy-classes = mindestens { $count } dieser Arten enthalten: Kleinbuchstaben, Großbuchstaben, Ziffern, Sonderzeichen.
js-mismatch = Die beiden neuen Passwörter stimmen nicht überein. Geben Sie das neue Passwort zweimal ein.
js-never = nie
js-brand-default = Kontozugang
js-signed-out = Sie sind abgemeldet.
js-signed-in = Angemeldet.
js-sign-in-failed = Die Anmeldung ist fehlgeschlagen.
js-enter-username-password = Geben Sie Benutzernamen und Passwort ein.
js-recovery-label = Wiederherstellungscode
js-totp-label = Einmalcode
js-recovery-help = Einer der Wiederherstellungscodes, die Sie beim Einrichten der Zwei-Schritt-Anmeldung gespeichert haben, etwa k7vq-2mxp-9d4h. Jeder funktioniert einmal.
js-totp-help = Der 6-stellige Code, den Ihre Authenticator-App für dieses Konto anzeigt.
js-use-app-code = Stattdessen einen Code aus der App verwenden
js-use-recovery = Wiederherstellungscode verwenden
js-recovery-wrong = Dieser Wiederherstellungscode stimmt nicht oder wurde schon verwendet. Jeder Code funktioniert einmal.
js-forgot-help-username = Geben Sie Ihren Benutzernamen ein. Wenn ein Konto dazu passt, senden wir an seine E-Mail-Adresse einen Link, mit dem Sie ein neues Passwort wählen.
js-forgot-help-both = Geben Sie Benutzernamen und E-Mail-Adresse ein. Wenn ein Konto zu beidem passt, senden wir ihm einen Link, mit dem Sie ein neues Passwort wählen.
js-forgot-help-email = Geben Sie Ihre E-Mail-Adresse ein. Wenn ein Konto dazu passt, senden wir ihm einen Link, mit dem Sie ein neues Passwort wählen.
js-enter-username-email = Geben Sie Benutzernamen und E-Mail-Adresse ein.
js-enter-email = Geben Sie Ihre E-Mail-Adresse ein.
js-enter-username = Geben Sie Ihren Benutzernamen ein.
js-forgot-sent = Wenn ein Konto dazu passt, haben wir einen Link zum Zurücksetzen gesendet.
js-forgot-inbox = Sehen Sie in Ihrem Posteingang (und im Spam-Ordner) nach. Der Link funktioniert einmal und läuft ab.
js-forgot-nothing = Nach ein paar Minuten keine E-Mail? Prüfen Sie Ihre Eingabe oder fragen Sie Ihre Administration.
js-reset-ask-new = Fordern Sie einen neuen an:
js-reset-request-link = neuen Link zum Zurücksetzen anfordern
js-reset-incomplete = Dieser Link ist unvollständig: Der Teil nach # fehlt. Öffnen Sie den ganzen Link aus der E-Mail oder fordern Sie einen neuen an.
js-enter-new-password = Geben Sie ein neues Passwort ein.
js-reset-done = Ihr Passwort wurde geändert. Sie können sich jetzt damit anmelden.
js-sign-in = Anmelden
