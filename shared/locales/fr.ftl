# Latchkey, français.

## Durations and counts

duration-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
duration-hours = { $count ->
    [one] { $count } heure
   *[other] { $count } heures
}
duration-days = { $count ->
    [one] { $count } jour
   *[other] { $count } jours
}

## Emails: shared parts

mail-support-heading = Des questions ? Contactez { $tenant } :
mail-support-email = E-mail : { $address }
mail-support-phone = Téléphone : { $address }
mail-support-url = Web : { $address }
mail-automatic = Ce message a été envoyé automatiquement par { $tenant }. Merci de ne pas y répondre.
mail-link-hint = Ouvrez ce lien dans votre navigateur :

## Emails: one block per kind

mail-reset-subject = Réinitialisez votre mot de passe { $tenant }
mail-reset-intro = Quelqu'un a demandé la réinitialisation du mot de passe de { $username } chez { $tenant }. Si c'était vous, choisissez un nouveau mot de passe avec le lien ci-dessous. Sinon, ignorez cet e-mail : votre mot de passe reste inchangé.
mail-reset-validity = Le lien fonctionne une seule fois et reste valable { $duration }.
mail-reset-button = Choisir un nouveau mot de passe

mail-activation-subject = Activez votre compte { $tenant }
mail-activation-intro = Un compte avec le nom d'utilisateur { $username } a été créé pour vous chez { $tenant }. Choisissez un mot de passe avec le lien ci-dessous.
mail-activation-button = Choisir votre mot de passe

mail-contact-admin-subject = À propos de votre mot de passe { $tenant }
mail-contact-admin-intro = Quelqu'un a demandé la réinitialisation du mot de passe de { $username } chez { $tenant }.
mail-contact-admin-body = Le mot de passe de ce compte ne peut pas être réinitialisé par e-mail. Veuillez contacter votre administrateur. Si vous n'avez rien demandé, ignorez cet e-mail.

mail-elsewhere-subject = Un lien de mot de passe { $tenant } a été envoyé pour vous
mail-elsewhere-intro = Un administrateur de { $tenant } a envoyé un lien pour définir le mot de passe de { $username } à une autre adresse e-mail.
mail-elsewhere-body = Si vous ne vous y attendiez pas, contactez votre administrateur.

mail-locked-subject = Votre compte { $tenant } a été verrouillé
mail-locked-intro = Il y a eu trop d'échecs de connexion au compte { $username } chez { $tenant } : le compte est donc verrouillé pour tout le monde pour le moment.
mail-locked-body = Réinitialisez votre mot de passe avec le lien ci-dessous pour le déverrouiller immédiatement. Si ces échecs ne venaient pas de vous, quelqu'un essaie peut-être de deviner votre mot de passe : choisissez-en un nouveau, unique.
mail-locked-button = Réinitialiser votre mot de passe

mail-email-changed-subject = L'adresse e-mail de votre compte { $tenant } a été modifiée
mail-email-changed-intro = Un administrateur de { $tenant } a remplacé l'adresse e-mail de { $username } par { $address }. Les liens de réinitialisation y sont désormais envoyés, et les liens envoyés avant la modification ne fonctionnent plus.
mail-email-changed-body = Si vous ne vous y attendiez pas, contactez immédiatement votre administrateur.

mail-recovery-used-subject = Un code de récupération a été utilisé pour votre compte { $tenant }
mail-recovery-used-intro = Quelqu'un vient de se connecter au compte { $username } chez { $tenant } avec un code de récupération. { $count ->
    [one] Il vous reste { $count } code ; chacun fonctionne une seule fois.
   *[other] Il vous reste { $count } codes ; chacun fonctionne une seule fois.
}
mail-recovery-used-body = Si ce n'était pas vous, réinitialisez votre mot de passe et contactez immédiatement votre administrateur. Si vous avez perdu votre application d'authentification, configurez-en une nouvelle et créez de nouveaux codes de récupération.

mail-mfa-on-subject = La connexion en deux étapes a été activée pour votre compte { $tenant }
mail-mfa-on-intro = La connexion en deux étapes vient d'être activée pour { $username } chez { $tenant }. Toutes les autres sessions ont été déconnectées.
mail-mfa-off-subject = La connexion en deux étapes a été désactivée pour votre compte { $tenant }
mail-mfa-off-intro = La connexion en deux étapes vient d'être désactivée pour { $username } chez { $tenant }. Toutes les autres sessions ont été déconnectées.
mail-mfa-body = Si ce n'était pas vous, réinitialisez votre mot de passe et contactez immédiatement votre administrateur.

mail-changed-subject = Votre mot de passe { $tenant } a été modifié
mail-changed-intro = Le mot de passe de { $username } chez { $tenant } vient d'être modifié. Toutes les autres sessions ont été déconnectées.
mail-changed-body = Si ce n'était pas vous, contactez immédiatement votre administrateur.
