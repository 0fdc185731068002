# Latchkey, español.

## Durations and counts

duration-minutes = { $count ->
    [one] { $count } minuto
   *[other] { $count } minutos
}
duration-hours = { $count ->
    [one] { $count } hora
   *[other] { $count } horas
}
duration-days = { $count ->
    [one] { $count } día
   *[other] { $count } días
}

## Emails: shared parts

mail-support-heading = ¿Preguntas? Contacte con { $tenant }:
mail-support-email = Correo: { $address }
mail-support-phone = Teléfono: { $address }
mail-support-url = Web: { $address }
mail-automatic = { $tenant } envió este mensaje automáticamente. No responda a él.
mail-link-hint = Abra este enlace en su navegador:

## Emails: one block per kind

mail-reset-subject = Restablezca su contraseña de { $tenant }
mail-reset-intro = Alguien pidió restablecer la contraseña de { $username } en { $tenant }. Si fue usted, elija una contraseña nueva con el enlace de abajo. Si no, ignore este correo: su contraseña no cambia.
mail-reset-validity = El enlace funciona una sola vez y es válido durante { $duration }.
mail-reset-button = Elegir una contraseña nueva

mail-activation-subject = Active su cuenta de { $tenant }
mail-activation-intro = Se creó para usted una cuenta con el nombre de usuario { $username } en { $tenant }. Elija una contraseña con el enlace de abajo.
mail-activation-button = Elegir su contraseña

mail-contact-admin-subject = Sobre su contraseña de { $tenant }
mail-contact-admin-intro = Alguien pidió restablecer la contraseña de { $username } en { $tenant }.
mail-contact-admin-body = La contraseña de esta cuenta no se puede restablecer por correo. Contacte con su administrador. Si no lo pidió, ignore este correo.

mail-elsewhere-subject = Se envió para usted un enlace de contraseña de { $tenant }
mail-elsewhere-intro = Un administrador de { $tenant } envió un enlace para establecer la contraseña de { $username } a otra dirección de correo.
mail-elsewhere-body = Si no lo esperaba, contacte con su administrador.

mail-locked-subject = Su cuenta de { $tenant } se ha bloqueado
mail-locked-intro = Hubo demasiados inicios de sesión fallidos en { $username } en { $tenant }, así que la cuenta está bloqueada para todos por ahora.
mail-locked-body = Restablezca su contraseña con el enlace de abajo para desbloquearla al instante. Si los intentos fallidos no fueron suyos, alguien podría estar intentando adivinar su contraseña: elija una nueva y única.
mail-locked-button = Restablecer su contraseña

mail-email-changed-subject = Se cambió la dirección de correo de su cuenta de { $tenant }
mail-email-changed-intro = Un administrador de { $tenant } cambió la dirección de correo de { $username } a { $address }. Los enlaces para restablecer la contraseña van ahora allí, y los enviados antes del cambio ya no funcionan.
mail-email-changed-body = Si no lo esperaba, contacte de inmediato con su administrador.

mail-recovery-used-subject = Se usó un código de recuperación en su cuenta de { $tenant }
mail-recovery-used-intro = Alguien acaba de iniciar sesión en { $username } en { $tenant } con un código de recuperación. { $count ->
    [one] Le queda { $count } código; cada uno funciona una vez.
   *[other] Le quedan { $count } códigos; cada uno funciona una vez.
}
mail-recovery-used-body = Si no fue usted, restablezca su contraseña y contacte de inmediato con su administrador. Si perdió su aplicación de autenticación, configure una nueva y genere códigos de recuperación nuevos.

mail-mfa-on-subject = Se activó el inicio de sesión en dos pasos en su cuenta de { $tenant }
mail-mfa-on-intro = Se acaba de activar el inicio de sesión en dos pasos para { $username } en { $tenant }. Se cerraron todas las demás sesiones.
mail-mfa-off-subject = Se desactivó el inicio de sesión en dos pasos en su cuenta de { $tenant }
mail-mfa-off-intro = Se acaba de desactivar el inicio de sesión en dos pasos para { $username } en { $tenant }. Se cerraron todas las demás sesiones.
mail-mfa-body = Si no fue usted, restablezca su contraseña y contacte de inmediato con su administrador.

mail-changed-subject = Se cambió su contraseña de { $tenant }
mail-changed-intro = La contraseña de { $username } en { $tenant } se acaba de cambiar. Se cerraron todas las demás sesiones.
mail-changed-body = Si no fue usted, contacte de inmediato con su administrador.
