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
mail-reset-intro-admin = { $who }, Administrator von { $tenant }, hat Ihnen diesen Link geschickt, damit Sie ein neues Passwort für { $username } wählen. Ihr aktuelles Passwort gilt, bis Sie das tun.
mail-reset-intro-bulk = { $who }, Administrator von { $tenant }, hat die Personen bei { $tenant }, darunter Sie, gebeten, ein neues Passwort für { $username } zu wählen. Ihr aktuelles Passwort gilt, bis Sie das tun.
mail-reset-intro-support = Der Plattform-Support von { $tenant } hat Ihnen diesen Link für die Anfrage { $who } geschickt, damit Sie ein neues Passwort für { $username } wählen. Ihr aktuelles Passwort gilt, bis Sie das tun.
mail-reset-validity = Der Link funktioniert einmal und ist { $duration } gültig.
mail-reset-button = Neues Passwort wählen

mail-activation-subject = Ihr Konto bei { $tenant } aktivieren
mail-activation-intro = Für Sie wurde bei { $tenant } ein Konto mit dem Benutzernamen { $username } eingerichtet. Wählen Sie über den Link unten ein Passwort.
mail-activation-intro-admin = { $who }, Administrator von { $tenant }, hat für Sie ein Konto mit dem Benutzernamen { $username } eingerichtet. Wählen Sie über den Link unten ein Passwort.
mail-activation-button = Passwort wählen

mail-contact-admin-subject = Zu Ihrem Passwort bei { $tenant }
mail-contact-admin-intro = Jemand hat angefordert, das Passwort von { $username } bei { $tenant } zurückzusetzen.
mail-contact-admin-body = Das Passwort dieses Kontos kann nicht per E-Mail zurückgesetzt werden. Bitte wenden Sie sich an Ihre Administration. Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail.

mail-elsewhere-subject = Ein Passwort-Link von { $tenant } wurde für Sie versendet
mail-elsewhere-intro = Eine Administratorin oder ein Administrator von { $tenant } hat einen Link zum Festlegen des Passworts von { $username } an eine andere E-Mail-Adresse gesendet.
mail-elsewhere-body = Wenn Sie das nicht erwartet haben, wenden Sie sich an Ihre Administration.

mail-locked-subject = Ihr Konto bei { $tenant } wurde gesperrt
mail-locked-intro = Es gab zu viele fehlgeschlagene Anmeldungen bei { $username } in { $tenant }, daher ist das Konto vorerst für alle gesperrt.
mail-locked-body = Entsperren Sie es mit dem Link unten: Ihr Passwort bleibt unverändert, und die Anmeldung braucht es weiterhin (und Ihren zweiten Faktor). Wenn die fehlgeschlagenen Anmeldungen nicht von Ihnen stammen, versucht vielleicht jemand, Ihr Passwort zu erraten: Ändern Sie es, sobald Sie angemeldet sind.
mail-locked-button = Konto entsperren

mail-email-changed-subject = Die E-Mail-Adresse Ihres Kontos bei { $tenant } wurde geändert
mail-email-changed-intro = Eine Administratorin oder ein Administrator von { $tenant } hat die E-Mail-Adresse von { $username } in { $address } geändert. Links zum Zurücksetzen des Passworts gehen jetzt dorthin, und vor der Änderung gesendete Links funktionieren nicht mehr.
mail-email-changed-body = Wenn Sie das nicht erwartet haben, wenden Sie sich sofort an Ihre Administration.

mail-expiry-subject = Ihr Passwort bei { $tenant } läuft bald ab (noch { $duration })
mail-expiry-intro = Das Passwort von { $username } bei { $tenant } ist nur noch { $duration } gültig. Danach verlangt die nächste Anmeldung zuerst ein neues Passwort.
mail-expiry-body = Wählen Sie jetzt ein neues: Melden Sie sich über den Link unten an und ändern Sie Ihr Passwort auf Ihrer Kontoseite. Wenn Sie das nicht erwartet haben, wenden Sie sich an Ihre Administration.
mail-expiry-button = Passwort ändern

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

mail-change-by-self = Die Änderung wurde von jemandem vorgenommen, der bei { $username } angemeldet war oder einen an dessen E-Mail-Adresse gesendeten Link verwendet hat.
mail-change-by-admin = Die Änderung wurde von { $who }, Administrator von { $tenant }, vorgenommen.
mail-change-by-bulk = Die Änderung wurde von { $who }, Administrator von { $tenant }, im Rahmen einer Änderung vieler Konten vorgenommen.
mail-change-by-support = Die Änderung wurde vom Plattform-Support von { $tenant } für die Anfrage { $who } vorgenommen.
mail-report-hint = Wenn Sie diese Änderung weder vorgenommen noch erwartet haben, verwenden Sie den Link unten: Die Anmeldung bei { $username } wird sofort gesperrt, alle Sitzungen werden abgemeldet und die Administration von { $tenant } wird informiert. Der Link funktioniert einmal und ist { $duration } gültig.
mail-report-button = Das war ich nicht

mail-reported-subject = { $username } bei { $tenant } hat eine Änderung gemeldet, die nicht von ihm stammt
mail-reported-intro = Der Inhaber von { $username } bei { $tenant } hat angegeben, dass eine kürzliche Änderung am Konto nicht von ihm stammt („Das war ich nicht“).
mail-reported-what-password = Die Änderung betraf das Passwort des Kontos.
mail-reported-what-mfa = Die Änderung betraf die Zwei-Schritt-Anmeldung des Kontos.
mail-reported-what-email = Die Änderung betraf die E-Mail-Adresse des Kontos.
mail-reported-what-recovery = Die Meldung betrifft eine Anmeldung mit einem der Wiederherstellungscodes des Kontos.
mail-reported-body = Die Anmeldung bei { $username } ist gesperrt, seine Sitzungen sind abgemeldet und seine Links funktionieren nicht mehr. Das bleibt so, bis ein neues Passwort gesetzt ist: Prüfen Sie die letzten Ereignisse des Kontos im Audit-Protokoll und senden Sie dann einen Link zum Zurücksetzen oder setzen Sie ein Passwort.

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
page-support-heading = Hilfe benötigt?
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
page-unlock-title = Konto entsperren
page-unlock-intro = Ihr Konto wurde nach zu vielen fehlgeschlagenen Anmeldungen gesperrt. Das Entsperren ändert Ihr Passwort nicht: Sie melden sich damit (und mit Ihrem zweiten Faktor) an wie bisher.
page-unlock-submit = Mein Konto entsperren
page-request-new-link = Neuen Link anfordern

## Pages: the account page and the admin console

page-nav-label = Seiten
page-loading = Wird geladen …
page-sign-out = Abmelden
page-current-password = Aktuelles Passwort
page-change-password = Passwort ändern
page-role = Rolle
page-mfa = Zwei-Schritt-Anmeldung
page-language-default = Standard der Organisation
page-account-title = Ihr Konto
page-account-loading = Ihr Konto wird geladen …
page-forced-intro = Ihre Administration hat Ihnen ein vorläufiges Passwort gegeben. Wählen Sie Ihr eigenes Passwort, um fortzufahren.
page-forced-current-help = Das vorläufige Passwort, mit dem Sie sich gerade angemeldet haben.
page-enrol-required = Ihre Organisation verlangt für Ihr Konto die Zwei-Schritt-Anmeldung. Richten Sie sie unten ein, um fortzufahren: Bis dahin können Sie nur das tun, Ihr Passwort ändern oder sich abmelden.
page-codes-left = Verbleibende Wiederherstellungscodes
page-password-changed = Passwort geändert
page-account-language = Sprache Ihrer Seiten und E-Mails
page-account-language-help = „Standard der Organisation“ folgt der Sprache Ihres Browsers, dann der Ihrer Organisation.
page-account-language-save = Sprache speichern
page-mfa-on = Die Zwei-Schritt-Anmeldung ist eingeschaltet. Jede Anmeldung fragt nach einem Code aus Ihrer Authenticator-App.
page-codes-title = Ihre Wiederherstellungscodes
page-codes-save = Bewahren Sie diese Codes sicher auf, nicht auf Ihrem Telefon.
page-codes-once = Sie werden nur dieses eine Mal angezeigt.
page-codes-use = Wenn Sie Ihre Authenticator-App verlieren, meldet Sie jeder Code einmal an, anstelle eines Codes aus der App.
page-codes-copy = Kopieren
page-codes-download = Herunterladen
page-codes-done = Ich habe meine Codes gespeichert
page-regen-title = Neue Wiederherstellungscodes
page-regen-help = { $count ->
    [one] Erzeugt { $count } neuen Code; die alten funktionieren sofort nicht mehr.
   *[other] Erzeugt { $count } neue Codes; die alten funktionieren sofort nicht mehr.
}
page-code-or-recovery = Code aus Ihrer App oder ein Wiederherstellungscode
page-mfa-off-title = Zwei-Schritt-Anmeldung ausschalten
page-mfa-off-help = Entfernt Ihre Authenticator-App und Ihre Wiederherstellungscodes. Zum Anmelden genügt dann Ihr Passwort, und Ihre anderen Geräte werden abgemeldet.
page-mfa-intro = Schützen Sie Ihr Konto zusätzlich zum Passwort mit einem Code aus einer Authenticator-App (zum Beispiel Google Authenticator, Microsoft Authenticator oder 1Password).
page-mfa-setup = Zwei-Schritt-Anmeldung einrichten
page-mfa-scan = 1. Scannen Sie diesen Code mit Ihrer Authenticator-App
page-mfa-key = Oder geben Sie diesen Schlüssel in die App ein:
page-mfa-enter = 2. Geben Sie den Code ein, den die App anzeigt
page-mfa-turn-on = Zwei-Schritt-Anmeldung einschalten
page-admin-title = Verwaltungskonsole
page-admin-users = Benutzer
page-admin-audit = Protokoll
page-admin-settings-nav = Einstellungen
page-admin-denied = Diese Konsole ist den Administratoren Ihrer Organisation vorbehalten.
page-admin-go-account = Zu Ihrem Konto
page-admin-mfa-note = Ihre Organisation verlangt die Zwei-Schritt-Anmeldung für Administratoren, die Links zum Zurücksetzen senden oder Passwörter festlegen, und Ihre ist aus, daher wird Zurücksetzen abgelehnt.
page-admin-mfa-note-link = Zwei-Schritt-Anmeldung auf Ihrer Kontoseite einrichten
page-admin-search-label = Benutzername oder E-Mail beginnt mit
page-admin-search = Suchen
page-admin-next-page = Nächste Seite
page-admin-bulk-reset-mfa = Auch die Zwei-Schritt-Anmeldung der ausgewählten Benutzer zurücksetzen, wenn der jeweilige Link verwendet wird
page-admin-bulk-send = Links zum Zurücksetzen an ausgewählte Benutzer senden
page-admin-link-title = Link zum Zurücksetzen senden
page-admin-link-help = Der Benutzer wählt ein neues Passwort; das alte funktioniert bis dahin weiter. Für einen noch nicht aktivierten Benutzer ist dies der Aktivierungslink.
page-admin-link-recipient = An eine andere Adresse senden (optional)
page-admin-link-reset-mfa = Auch die Zwei-Schritt-Anmeldung zurücksetzen, wenn der Link verwendet wird (der Benutzer hat auch seine Authenticator-App verloren)
page-admin-set-title = Passwort festlegen
page-admin-set-help = Nur wenn der Benutzer keine E-Mails empfangen kann. Das alte Passwort funktioniert sofort nicht mehr, und der Benutzer wird überall abgemeldet.
page-admin-set-temporary = Vorläufig: Der Benutzer muss bei der nächsten Anmeldung ein neues Passwort wählen
page-admin-set-reset-mfa = Auch die Zwei-Schritt-Anmeldung zurücksetzen (der Benutzer hat auch seine Authenticator-App verloren)
page-admin-set-submit = Passwort festlegen
page-admin-mfa-reset-title = Zwei-Schritt-Anmeldung zurücksetzen
page-admin-mfa-reset-help = Für einen Benutzer, der seine Authenticator-App verloren hat: App und Wiederherstellungscodes werden entfernt, er wird überall abgemeldet und per E-Mail benachrichtigt und meldet sich nur mit dem Passwort an, bis er sie neu einrichtet.
page-admin-mfa-reset-reason = Grund (optional, wird im Protokoll gespeichert)
page-admin-flags-title = Kontoeinstellungen
page-admin-status = Status
page-admin-status-active = Aktiviert (aktiv)
page-admin-status-disabled = Deaktiviert
page-admin-status-pending = Wartet auf Aktivierung
page-admin-user-language = Sprache der Seiten und E-Mails
page-admin-user-language-help = „Standard der Organisation“ folgt dem Browser des Benutzers, dann der Standardsprache in den Einstellungen zum Erscheinungsbild.
page-admin-flag-cannot-change = Darf das Passwort nicht ändern
page-admin-flag-must-change = Muss das Passwort bei der nächsten Anmeldung ändern
page-admin-flags-save = Kontoeinstellungen speichern
page-admin-create-title = Benutzer anlegen
page-admin-email-optional = E-Mail (optional)
page-admin-role-user = Benutzer
page-admin-send-activation = Aktivierungs-E-Mail senden
page-admin-audit-order = Neueste zuerst.
page-admin-audit-outcome = Ergebnis
page-admin-audit-more = Ältere Ereignisse
page-admin-settings-title = Einstellungen der Organisation
page-admin-policy = Passwortrichtlinie
page-admin-min-length = Mindestlänge
page-admin-max-length = Höchstlänge
page-admin-history = Frühere Passwörter, die nicht wiederverwendet werden dürfen
page-admin-classes = Verlangte Zeichenarten (0 bis 4)
page-admin-block-common = Verbreitete Passwörter ablehnen
page-admin-block-context = Passwörter ablehnen, die Benutzernamen, E-Mail oder Namen der Organisation enthalten
page-admin-links = Links zum Zurücksetzen und Sitzungen
page-admin-identifier = Das Formular „Passwort vergessen“ fragt nach
page-admin-identifier-both = Benutzername und E-Mail
page-admin-link-ttl = Gültigkeit des Links zum Zurücksetzen (Minuten)
page-admin-admin-ttl = Gültigkeit der Links von Administratoren (Stunden)
page-admin-session-ttl = Dauer einer Sitzung (Minuten)
page-admin-self-admins = Administratoren dürfen ihr eigenes Passwort per E-Mail zurücksetzen
page-admin-mfa-admins = Administratoren brauchen die Zwei-Schritt-Anmeldung, um andere zurückzusetzen
page-admin-mfa-required = Die Zwei-Schritt-Anmeldung ist Pflicht für
page-admin-mfa-required-help = Wer betroffen ist und sie noch nicht eingerichtet hat, wird nach der Anmeldung zur Einrichtung geführt und kann bis dahin nichts anderes tun.
page-admin-mfa-none = Niemanden (jeder entscheidet selbst)
page-admin-mfa-admins-owners = Administratoren und Inhaber
page-admin-mfa-everyone = Alle
page-admin-settings-save = Einstellungen speichern
page-brand-title = Erscheinungsbild und Sprache
page-brand-intro = Wie die Seiten zum Anmelden, Zurücksetzen und zum Konto und jede E-Mail für Ihre Benutzer aussehen, und welche Sprache sie sprechen, wenn der Browser keine unserer Sprachen verlangt.
page-brand-name = Anzeigename
page-brand-name-help = Steht im Seitenkopf und in E-Mails anstelle des Namens der Organisation (höchstens 64 Zeichen).
page-brand-color = Farbe
page-brand-color-help = Die Farbe des Seitenkopfs, der Schaltflächen und der E-Mails, als # und sechs Hexadezimalziffern. Weiße Schrift muss darauf lesbar sein (WCAG-AA-Kontrast von mindestens 4,5:1); leer lassen für das übliche Blau.
page-brand-color-pick = Farbe auswählen
page-brand-support = Kontakt für Hilfe
page-brand-support-help = E-Mails und Seiten sagen Ihren Benutzern, wen sie um Hilfe bitten können. Jede Angabe ist optional.
page-brand-support-email = E-Mail-Adresse
page-brand-support-phone = Telefon
page-brand-support-url = Webadresse (https://…)
page-brand-from = Absendername der E-Mails
page-brand-from-help = Der Name, den Ihre Benutzer als Absender sehen; die Adresse bleibt die des Dienstes.
page-brand-locale = Standardsprache
page-brand-locale-help = Für Leser, deren Browser keine dieser Sprachen verlangt, und für E-Mails an Benutzer, die keine Sprache gewählt haben.
page-brand-save = Erscheinungsbild speichern
page-logo-title = Logo
page-logo-help = Ein PNG-, JPEG- oder WebP-Bild von höchstens 64 KiB, gezeigt im Seitenkopf und in E-Mails.
page-logo-none = Noch kein Logo.
page-logo-current = Das aktuelle Logo
page-logo-file = Bilddatei
page-logo-upload = Logo hochladen

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
js-error-invalid_settings = Einige Einstellungen liegen außerhalb ihres zulässigen Bereichs.
js-field-range = { $field }: von { $min } bis { $max }.
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
js-policy-history = sich von Ihrem aktuellen und Ihren letzten { $count } Passwörtern unterscheiden.
js-policy-common = kein häufig verwendetes Passwort sein.
js-policy-context = weder Ihren Benutzernamen noch Ihre E-Mail-Adresse noch den Namen der Organisation enthalten.
js-policy-classes = mindestens { $count } dieser Arten enthalten: Kleinbuchstaben, Großbuchstaben, Ziffern, Sonderzeichen.
js-mismatch = Die beiden neuen Passwörter stimmen nicht überein. Geben Sie das neue Passwort zweimal ein.
js-policy-min = mindestens { $min } Zeichen lang sein.
js-policy-max = höchstens { $max } Zeichen lang sein.
js-policy-match = in beiden Feldern gleich eingegeben sein.
js-policy-breached = in keinem bekannten Datenleck vorkommen.
js-policy-on-save = (wird beim Speichern geprüft)
js-policy-met = Erfüllt:
js-policy-unmet = Noch nicht erfüllt:
js-lockout-paused = Zu viele Versuche. Zu Ihrer Sicherheit ist die Anmeldung bis { $time } pausiert.
js-lockout-countdown = Sie können es in { $span } wieder versuchen.
js-lockout-over = Sie können es jetzt wieder versuchen.
js-support-intro-tenant = Fragen zu Ihrem Konto? Wenden Sie sich an { $tenant }:
js-support-intro = Fragen zu Ihrem Konto? Wenden Sie sich an die Hilfe Ihrer Organisation:
js-support-email = E-Mail
js-support-phone = Telefon
js-support-web = Web
js-support-pointer = Brauchen Sie jetzt Hilfe? So erreichen Sie den Support.
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
js-unlock-done = Ihr Konto ist entsperrt. Melden Sie sich mit Ihrem Passwort an.
js-unlock-incomplete = Dieser Entsperr-Link ist unvollständig: Der Teil nach # fehlt. Öffnen Sie den ganzen Link aus der E-Mail.
js-sign-in = Anmelden

## Page script messages of the account page and the admin console (`-one`,
## `-few`, `-other`: see en.ftl)

js-none = keine
js-on = Ein
js-off = Aus
js-role-user = Benutzer
js-role-admin = Administrator
js-role-owner = Inhaber
js-status-active = Aktiv
js-status-disabled = Deaktiviert
js-status-pending_activation = Wartet auf Aktivierung
js-account-title = Ihr Konto
js-enrol-title = Zwei-Schritt-Anmeldung einrichten
js-codes-none = Sie haben keine Wiederherstellungscodes. Erzeugen Sie neue, damit Sie sich auch nach dem Verlust Ihres Telefons anmelden können.
js-codes-low-one = Nur noch { $count } Wiederherstellungscode übrig. Erzeugen Sie neue, bevor sie ausgehen.
js-codes-low-few = Nur noch { $count } Wiederherstellungscodes übrig. Erzeugen Sie neue, bevor sie ausgehen.
js-codes-low-other = Nur noch { $count } Wiederherstellungscodes übrig. Erzeugen Sie neue, bevor sie ausgehen.
js-enter-current-password = Geben Sie Ihr aktuelles Passwort ein.
js-forced-done = Ihr Passwort wurde geändert. Sie sind angemeldet.
js-change-done = Ihr Passwort wurde geändert. Andere Geräte, die bei Ihrem Konto angemeldet waren, wurden abgemeldet.
js-enter-app-code = Geben Sie den 6-stelligen Code ein, den Ihre App anzeigt.
js-mfa-on-done = Die Zwei-Schritt-Anmeldung ist eingeschaltet. Ab jetzt fragt jede Anmeldung nach einem Code aus Ihrer App.
js-mfa-on-unlocked = Sie können Ihr Konto jetzt nutzen.
js-codes-file-title = Wiederherstellungscodes für { $username } ({ $date })
js-codes-file-title-tenant = Wiederherstellungscodes für { $username } bei { $tenant } ({ $date })
js-codes-file-help = Jeder Code meldet Sie einmal an, anstelle eines Codes aus Ihrer Authenticator-App.
js-codes-copied = Die Codes sind kopiert. Fügen Sie sie in Ihren Passwortmanager oder eine Datei ein, die Sie sicher aufbewahren.
js-codes-copy-blocked = Kopieren ist hier nicht erlaubt: Die Codes sind markiert, drücken Sie Strg+C (oder ⌘C), um sie zu kopieren.
js-codes-saved-one = Wiederherstellungscodes gespeichert. Sie haben noch { $count } Code.
js-codes-saved-few = Wiederherstellungscodes gespeichert. Sie haben noch { $count } Codes.
js-codes-saved-other = Wiederherstellungscodes gespeichert. Sie haben noch { $count } Codes.
js-enter-code-or-recovery = Geben Sie einen Code aus Ihrer Authenticator-App oder einen Wiederherstellungscode ein.
js-mfa-code-wrong = Dieser Code stimmt nicht. Geben Sie den aktuellen Code aus Ihrer App oder einen unbenutzten Wiederherstellungscode ein.
js-regen-done = Neue Wiederherstellungscodes erzeugt. Ihre alten Codes funktionieren nicht mehr.
js-mfa-off-done = Die Zwei-Schritt-Anmeldung ist ausgeschaltet. Zum Anmelden genügt jetzt Ihr Passwort; Ihre anderen Geräte wurden abgemeldet.
js-qr-label = QR-Code, um dieses Konto Ihrer Authenticator-App hinzuzufügen
js-language-saved = Ihre Spracheinstellung wurde gespeichert.
js-whoami = Angemeldet als { $username } ({ $role }).
js-users-none = Keine passenden Benutzer.
js-users-shown-one = Benutzer: { $count } angezeigt.
js-users-shown-few = Benutzer: { $count } angezeigt.
js-users-shown-other = Benutzer: { $count } angezeigt.
js-users-matching-one = Benutzer, die mit „{ $q }“ beginnen: { $count } angezeigt.
js-users-matching-few = Benutzer, die mit „{ $q }“ beginnen: { $count } angezeigt.
js-users-matching-other = Benutzer, die mit „{ $q }“ beginnen: { $count } angezeigt.
js-badge-must-change = Muss Passwort ändern
js-badge-may-not-change = Darf Passwort nicht ändern
js-badge-directory = Verzeichnis: { $source }
js-badge-no-email = Keine E-Mail
js-badge-email-bounced = E-Mail unzustellbar
js-badge-email-complained = E-Mail als Spam markiert
js-email-bounced = unzustellbar
js-email-complained = als Spam markiert
js-email-with-status = { $email } ({ $status })
js-no-email = keine E-Mail
js-bulk-send = Links zum Zurücksetzen an ausgewählte Benutzer senden
js-bulk-send-one = Link zum Zurücksetzen an { $count } ausgewählten Benutzer senden
js-bulk-send-few = Links zum Zurücksetzen an { $count } ausgewählte Benutzer senden
js-bulk-send-other = Links zum Zurücksetzen an { $count } ausgewählte Benutzer senden
js-bulk-line-sent = { $name }: Link gesendet
js-bulk-line-not-found = { $name }: nicht gefunden
js-bulk-line-skipped = { $name }: übersprungen, { $reason }
js-bulk-result-one = { $sent } von { $count } Link gesendet.
js-bulk-result-few = { $sent } von { $count } Links gesendet.
js-bulk-result-other = { $sent } von { $count } Links gesendet.
js-bulk-mfa-note = Die Zwei-Schritt-Anmeldung wird entfernt, sobald der jeweilige Link verwendet wird.
js-skip-no_email = keine E-Mail-Adresse
js-skip-email_undeliverable = E-Mails an diese Adresse kamen zurück oder wurden als Spam markiert
js-skip-externally_managed = von einem Verzeichnis verwaltet (LDAP oder Entra ID)
js-skip-account_disabled = Konto deaktiviert
js-skip-forbidden = Sie dürfen dieses Konto nicht zurücksetzen
js-skip-duplicate = doppelt aufgeführt
js-skip-not_found = kein solcher Benutzer
js-skip-other = nicht berechtigt
js-fact-email = E-Mail
js-fact-role = Rolle
js-fact-status = Status
js-fact-mfa = Zwei-Schritt-Anmeldung
js-fact-source = Herkunft
js-fact-password-changed = Passwort geändert
js-fact-permissions = Berechtigungen
js-fact-language = Sprache
js-source-local = Lokal
js-source-ldap = LDAP
js-source-entra_id = Entra ID
js-permission-users_read = Benutzer sehen
js-permission-users_manage = Benutzer verwalten
js-permission-passwords_reset = Links zum Zurücksetzen senden
js-permission-passwords_set = Passwörter festlegen
js-permission-audit_read = Protokoll lesen
js-permission-mfa_reset = Zwei-Schritt-Anmeldung zurücksetzen
js-language-default = Standard der Organisation
js-link-sent = Link zum Zurücksetzen an { $to } gesendet. Er ist gültig bis { $time }.
js-link-sent-user = Link zum Zurücksetzen an den Benutzer gesendet. Er ist gültig bis { $time }.
js-link-mfa-note = Die Zwei-Schritt-Anmeldung wird entfernt, wenn der Link verwendet wird; bis dahin bleibt sie eingeschaltet.
js-enter-the-new-password = Geben Sie das neue Passwort ein.
js-temporary-set = Vorläufiges Passwort festgelegt. Teilen Sie es dem Benutzer auf einem vertrauenswürdigen Weg mit; er muss bei der Anmeldung ein neues wählen.
js-password-set = Passwort festgelegt. Der Benutzer wurde überall abgemeldet.
js-mfa-reset-too = Auch die Zwei-Schritt-Anmeldung wurde zurückgesetzt.
js-nothing-changed = Nichts geändert.
js-flags-saved = Kontoeinstellungen gespeichert.
js-mfa-reset-done = Zwei-Schritt-Anmeldung für { $username } zurückgesetzt. Der Benutzer wurde überall abgemeldet und per E-Mail benachrichtigt; er kann sich nur mit dem Passwort anmelden und sie neu einrichten.
js-enter-a-username = Geben Sie einen Benutzernamen ein.
js-activation-needs-email = Eine Aktivierungs-E-Mail braucht eine E-Mail-Adresse. Geben Sie eine ein oder entfernen Sie das Häkchen bei „Aktivierungs-E-Mail senden“.
js-user-created-activation = Benutzer { $username } angelegt; ein Aktivierungslink wurde gesendet.
js-user-created = Benutzer { $username } angelegt. Senden Sie einen Link zum Zurücksetzen oder legen Sie ein Passwort fest, um ihn zu aktivieren.
js-audit-empty = Noch keine Ereignisse.
js-outcome-success = erfolgreich
js-outcome-failure = fehlgeschlagen
js-outcome-refused = abgelehnt
js-settings-saved = Einstellungen gespeichert.
js-brand-saved = Erscheinungsbild gespeichert. Die Seiten und E-Mails verwenden es ab jetzt.
js-brand-name = Der Anzeigename muss ein Name mit höchstens 64 Zeichen sein, ohne < > @ " und Steuerzeichen.
js-brand-from = Der Absendername muss ein Name mit höchstens 64 Zeichen sein, ohne < > @ " und Steuerzeichen.
js-brand-color-format = Schreiben Sie die Farbe als # und sechs Hexadezimalziffern, zum Beispiel #0b5394.
js-brand-color-contrast = Diese Farbe ist zu hell: Weiße Schrift darauf wäre schwer lesbar (unter dem WCAG-AA-Kontrast von 4,5:1). Wählen Sie eine dunklere.
js-brand-support-email = Die E-Mail-Adresse für Hilfe ist keine gültige Adresse oder zu lang.
js-brand-support-phone = Die Telefonnummer für Hilfe darf nur Ziffern, Leerzeichen und + - ( ) . enthalten (höchstens 40 Zeichen).
js-brand-support-url = Die Webadresse für Hilfe muss mit https:// oder http:// beginnen (höchstens 2000 Zeichen).
js-logo-saved = Logo hochgeladen. Die Seiten und E-Mails zeigen es ab jetzt.
js-logo-choose = Wählen Sie zuerst eine Bilddatei.
js-logo-too-big = Die Datei ist größer als 64 KiB.
js-logo-type = Die Datei ist kein PNG-, JPEG- oder WebP-Bild (SVG wird nicht angenommen).
js-logo-unreadable = Die Bilddaten können nicht gelesen werden.
js-logo-dimensions = Das Bild muss auf jeder Seite zwischen 1 und 4096 Pixel groß sein.
