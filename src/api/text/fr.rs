//! Français (French). French puts a narrow no-break space (U+202F) before `:` and `;` and inside
//! guillemets, and a no-break space (U+00A0) between a number and its unit.

use super::PluralCategory::{Many, One, Other};
use super::{Catalog, Plural, Quotes};

pub(super) static CATALOG: Catalog = Catalog {
    tag: "fr",
    name: "Français",
    right_to_left: false,
    plural_categories: &[One, Many, Other],
    quotes: Quotes {
        open: "«\u{202f}",
        close: "\u{202f}»",
    },
    list_separator: ", ",

    widget_label: "Points de fidélité",
    total_points: "Total des points",
    redeemable_points: "Points échangeables",
    fan_level: "Niveau de fan",
    no_fan_level: "Aucun pour l’instant",
    history: "Historique des points",
    no_activity: "Aucun mouvement de points pour l’instant.",
    date_unknown: "Date inconnue",
    loading: "Chargement des points…",
    updating: "Mise à jour…",
    retry: "Réessayer",
    show_more: Plural::any("Afficher {count} de plus"),
    // "one" is 0 and 1 in French; "many" is CLDR's category of whole millions ("1 000 000 de").
    unreadable_entries: Plural::other("{count} entrées n’ont pas pu être affichées.")
        .one("{count} entrée n’a pas pu être affichée.")
        .many("{count} d’entrées n’ont pas pu être affichées."),
    redeemable_count: Plural::other("{count} points échangeables")
        .one("{count} point échangeable")
        .many("{count} de points échangeables"),
    points_summary: Plural::other("{redeemable} points échangeables sur {total} au total.")
        .one("{redeemable} point échangeable sur {total} au total.")
        .many("{redeemable} de points échangeables sur {total} au total."),
    fan_level_is: "Niveau de fan\u{202f}: {level}.",
    earned: Plural::other("{count} points gagnés")
        .one("{count} point gagné")
        .many("{count} de points gagnés"),
    spent: Plural::other("{count} points dépensés")
        .one("{count} point dépensé")
        .many("{count} de points dépensés"),

    id_type_id: "Identifiant CrowdTwist",
    id_type_email: "Adresse électronique",
    id_type_username: "Nom d’utilisateur",
    id_type_third_party_id: "Identifiant externe",
    id_type_facebook_user_id: "Identifiant Facebook",
    id_type_twitter_user_id: "Identifiant Twitter",
    id_type_mobile_phone_number: "Numéro de téléphone mobile",

    no_member_id: "Aucun identifiant de membre n’a été fourni.",
    dot_segment: "{id} ne peut pas servir d’identifiant de membre.",
    control_character: "L’identifiant de membre contient un caractère de contrôle.",
    member_id_too_long:
        "L’identifiant de membre est trop long ({bytes}\u{a0}octets\u{202f}; {max} au maximum).",
    unknown_id_type:
        "{given} n’est pas un type d’identifiant connu. Valeurs possibles\u{202f}: {allowed}.",
    unknown_variant: "{given} n’est pas une variante connue. Valeurs possibles\u{202f}: {allowed}.",
    unknown_theme: "{given} n’est pas un thème connu. Valeurs possibles\u{202f}: {allowed}.",
    unusable_address: "L’adresse du service de fidélité est inutilisable\u{202f}: {reason}",
    bad_environment:
        "l’environnement ne peut contenir que des lettres, des chiffres et «\u{202f}-\u{202f}»",
    bad_client_id:
        "l’identifiant client ne peut contenir que des lettres, des chiffres et «\u{202f}-\u{202f}»",
    endpoint_whitespace: "elle contient des espaces ou des caractères de contrôle",
    endpoint_query_or_fragment:
        "elle ne doit contenir ni «\u{202f}?\u{202f}» ni «\u{202f}#\u{202f}»",
    endpoint_not_path_or_http:
        "utilisez un chemin commençant par «\u{202f}/\u{202f}» ou une adresse http(s)://",
    endpoint_non_ascii_host: "écrivez un nom d’hôte à lettres non ASCII sous sa forme xn--",

    not_found: "Aucun compte de fidélité n’a été trouvé pour ce membre.",
    not_allowed: "Vous n’êtes pas autorisé à voir ces points. Rechargez la page et \
                  reconnectez-vous.",
    sign_in_expired: "Votre session a expiré. Rechargez la page pour voir ces points.",
    refused: "Le service de fidélité a refusé la demande\u{202f}: {what}",
    busy_for: Plural::any(
        "Le service de fidélité est surchargé ({what}). Réessayez dans {seconds}\u{a0}s.",
    ),
    http_busy_for: Plural::any(
        "Le service de fidélité est surchargé (HTTP 429). Réessayez dans {seconds}\u{a0}s.",
    ),
    http_busy: "Le service de fidélité est surchargé (HTTP 429). Réessayez dans un instant.",
    unavailable: "Le service de fidélité est indisponible pour le moment (HTTP {status}).",
    http_error: "Le service de fidélité a répondu par une erreur (HTTP {status}).",
    unreachable: "Impossible de joindre le service de fidélité. Vérifiez votre connexion et \
                  réessayez.",
    too_slow: Plural::other(
        "Le service de fidélité a mis trop de temps à répondre (plus de {seconds}\u{a0}secondes).",
    )
    .one("Le service de fidélité a mis trop de temps à répondre (plus de {seconds}\u{a0}seconde).")
    .many("Le service de fidélité a mis trop de temps à répondre (plus de {seconds} de secondes)."),
    unreadable: "Le service de fidélité a envoyé une réponse illisible ({detail}).",

    retry_waiting: Plural::any("Nouvel essai dans {seconds}\u{a0}s…"),
    retrying: "Nouvel essai…",
    maybe_outdated: "Ces chiffres ne sont peut-être plus à jour.",
    widget_stopped: "Le module des points s’est arrêté\u{202f}; rechargez la page.",
};
