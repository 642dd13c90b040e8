//! Español (Spanish).

use super::PluralCategory::{Many, One, Other};
use super::{Catalog, Plural, Quotes};

pub(super) static CATALOG: Catalog = Catalog {
    tag: "es",
    name: "Español",
    right_to_left: false,
    plural_categories: &[One, Many, Other],
    quotes: Quotes {
        open: "«",
        close: "»",
    },
    list_separator: ", ",

    widget_label: "Puntos de fidelidad",
    total_points: "Puntos totales",
    redeemable_points: "Puntos canjeables",
    fan_level: "Nivel de fan",
    no_fan_level: "Ninguno todavía",
    history: "Historial de puntos",
    no_activity: "Todavía no hay movimientos de puntos.",
    date_unknown: "Fecha desconocida",
    loading: "Cargando puntos…",
    updating: "Actualizando…",
    retry: "Reintentar",
    show_more: Plural::any("Mostrar {count} más"),
    // "many" is CLDR's category of whole millions: "1.000.000 de puntos".
    unreadable_entries: Plural::other("No se pudieron mostrar {count} entradas.")
        .one("No se pudo mostrar {count} entrada.")
        .many("No se pudieron mostrar {count} de entradas."),
    redeemable_count: Plural::other("{count} puntos canjeables")
        .one("{count} punto canjeable")
        .many("{count} de puntos canjeables"),
    points_summary: Plural::other("{redeemable} puntos canjeables de {total} en total.")
        .one("{redeemable} punto canjeable de {total} en total.")
        .many("{redeemable} de puntos canjeables de {total} en total."),
    fan_level_is: "Nivel de fan: {level}.",
    earned: Plural::other("{count} puntos ganados")
        .one("{count} punto ganado")
        .many("{count} de puntos ganados"),
    spent: Plural::other("{count} puntos gastados")
        .one("{count} punto gastado")
        .many("{count} de puntos gastados"),

    id_type_id: "ID de CrowdTwist",
    id_type_email: "Correo electrónico",
    id_type_username: "Nombre de usuario",
    id_type_third_party_id: "ID externo",
    id_type_facebook_user_id: "ID de usuario de Facebook",
    id_type_twitter_user_id: "ID de usuario de Twitter",
    id_type_mobile_phone_number: "Número de móvil",

    no_member_id: "No se indicó ningún ID de miembro.",
    dot_segment: "{id} no se puede usar como ID de miembro.",
    control_character: "El ID de miembro contiene un carácter de control.",
    member_id_too_long: "El ID de miembro es demasiado largo ({bytes} bytes; como máximo {max}).",
    unknown_id_type: "{given} no es un tipo de ID conocido. Use uno de estos: {allowed}.",
    unknown_variant: "{given} no es una variante conocida. Use una de estas: {allowed}.",
    unknown_theme: "{given} no es un tema conocido. Use uno de estos: {allowed}.",
    unusable_address: "La dirección del servicio de fidelidad no se puede usar: {reason}",
    bad_environment: "el entorno solo puede contener letras, dígitos y «-»",
    bad_client_id: "el ID de cliente solo puede contener letras, dígitos y «-»",
    endpoint_whitespace: "contiene espacios o caracteres de control",
    endpoint_query_or_fragment: "no puede contener «?» ni «#»",
    endpoint_not_path_or_http: "use una ruta que empiece por «/» o una dirección http(s)://",
    endpoint_non_ascii_host: "escriba los nombres de host con letras no ASCII en su forma xn--",

    not_found: "No se encontró ninguna cuenta de fidelidad para este miembro.",
    not_allowed: "No tiene permiso para ver estos puntos. Vuelva a cargar la página e inicie \
                  sesión de nuevo.",
    sign_in_expired: "Su sesión ha caducado. Vuelva a cargar la página para ver estos puntos.",
    refused: "El servicio de fidelidad rechazó la solicitud: {what}",
    busy_for: Plural::any(
        "El servicio de fidelidad está saturado ({what}). Vuelva a intentarlo en {seconds} s.",
    ),
    http_busy_for: Plural::any(
        "El servicio de fidelidad está saturado (HTTP 429). Vuelva a intentarlo en {seconds} s.",
    ),
    http_busy: "El servicio de fidelidad está saturado (HTTP 429). Vuelva a intentarlo en breve.",
    unavailable: "El servicio de fidelidad no está disponible en este momento (HTTP {status}).",
    http_error: "El servicio de fidelidad respondió con un error (HTTP {status}).",
    unreachable: "No se pudo conectar con el servicio de fidelidad. Compruebe su conexión y \
                  vuelva a intentarlo.",
    too_slow: Plural::other(
        "El servicio de fidelidad tardó demasiado en responder (más de {seconds} segundos).",
    )
    .one("El servicio de fidelidad tardó demasiado en responder (más de {seconds} segundo).")
    .many("El servicio de fidelidad tardó demasiado en responder (más de {seconds} de segundos)."),
    unreadable: "El servicio de fidelidad envió una respuesta que no se pudo leer ({detail}).",

    retry_waiting: Plural::any("Reintentando en {seconds} s…"),
    retrying: "Reintentando…",
    maybe_outdated: "Es posible que estas cifras no estén actualizadas.",
    widget_stopped: "El módulo de puntos se detuvo; vuelva a cargar la página.",
};
