//! Deutsch (German).

use super::PluralCategory::{One, Other};
use super::{Catalog, Plural, Quotes};

pub(super) static CATALOG: Catalog = Catalog {
    tag: "de",
    name: "Deutsch",
    right_to_left: false,
    plural_categories: &[One, Other],
    quotes: Quotes {
        open: "„",
        close: "“",
    },
    list_separator: ", ",

    widget_label: "Treuepunkte",
    total_points: "Punkte insgesamt",
    redeemable_points: "Einlösbare Punkte",
    fan_level: "Fan-Stufe",
    no_fan_level: "Noch keine",
    history: "Punkteverlauf",
    no_activity: "Noch keine Punkteaktivität.",
    date_unknown: "Datum unbekannt",
    loading: "Punkte werden geladen…",
    updating: "Wird aktualisiert…",
    retry: "Erneut versuchen",
    show_more: Plural::any("{count} weitere anzeigen"),
    unreadable_entries: Plural::other("{count} Einträge konnten nicht angezeigt werden.")
        .one("{count} Eintrag konnte nicht angezeigt werden."),
    redeemable_count: Plural::other("{count} einlösbare Punkte").one("{count} einlösbarer Punkt"),
    points_summary: Plural::other("{redeemable} einlösbare Punkte von insgesamt {total}.")
        .one("{redeemable} einlösbarer Punkt von insgesamt {total}."),
    fan_level_is: "Fan-Stufe: {level}.",
    earned: Plural::other("{count} Punkte erhalten").one("{count} Punkt erhalten"),
    spent: Plural::other("{count} Punkte eingelöst").one("{count} Punkt eingelöst"),

    id_type_id: "CrowdTwist-ID",
    id_type_email: "E-Mail-Adresse",
    id_type_username: "Benutzername",
    id_type_third_party_id: "Drittanbieter-ID",
    id_type_facebook_user_id: "Facebook-Benutzer-ID",
    id_type_twitter_user_id: "Twitter-Benutzer-ID",
    id_type_mobile_phone_number: "Mobilfunknummer",

    no_member_id: "Es wurde keine Mitglieds-ID angegeben.",
    dot_segment: "{id} kann nicht als Mitglieds-ID verwendet werden.",
    control_character: "Die Mitglieds-ID enthält ein Steuerzeichen.",
    member_id_too_long: "Die Mitglieds-ID ist zu lang ({bytes} Byte; höchstens {max}).",
    unknown_id_type: "{given} ist kein bekannter ID-Typ. Möglich sind: {allowed}.",
    unknown_variant: "{given} ist keine bekannte Variante. Möglich sind: {allowed}.",
    unknown_theme: "{given} ist kein bekanntes Farbschema. Möglich sind: {allowed}.",
    unusable_address: "Die Adresse des Treuepunkte-Dienstes ist nicht verwendbar: {reason}",
    bad_environment: "Die Umgebung darf nur Buchstaben, Ziffern und „-“ enthalten.",
    bad_client_id: "Die Client-ID darf nur aus Buchstaben, Ziffern und „-“ bestehen.",
    endpoint_whitespace: "Sie enthält Leer- oder Steuerzeichen.",
    endpoint_query_or_fragment: "Sie darf weder „?“ noch „#“ enthalten.",
    endpoint_not_path_or_http:
        "Verwenden Sie einen Pfad, der mit „/“ beginnt, oder eine http(s)://-Adresse.",
    endpoint_non_ascii_host:
        "Schreiben Sie einen Hostnamen mit Nicht-ASCII-Buchstaben in seiner xn---Form.",

    not_found: "Für dieses Mitglied wurde kein Treuekonto gefunden.",
    not_allowed: "Sie dürfen diese Punkte nicht sehen. Laden Sie die Seite neu und melden Sie \
                  sich erneut an.",
    sign_in_expired: "Ihre Anmeldung ist abgelaufen. Laden Sie die Seite neu, um diese Punkte \
                      zu sehen.",
    refused: "Der Treuepunkte-Dienst hat die Anfrage abgelehnt: {what}",
    busy_for: Plural::any(
        "Der Treuepunkte-Dienst ist überlastet ({what}). Versuchen Sie es in {seconds} s erneut.",
    ),
    http_busy_for: Plural::any(
        "Der Treuepunkte-Dienst ist überlastet (HTTP 429). Versuchen Sie es in {seconds} s \
         erneut.",
    ),
    http_busy: "Der Treuepunkte-Dienst ist überlastet (HTTP 429). Versuchen Sie es gleich noch \
                einmal.",
    unavailable: "Der Treuepunkte-Dienst ist gerade nicht verfügbar (HTTP {status}).",
    http_error: "Der Treuepunkte-Dienst hat mit einem Fehler geantwortet (HTTP {status}).",
    unreachable: "Der Treuepunkte-Dienst ist nicht erreichbar. Prüfen Sie Ihre Verbindung und \
                  versuchen Sie es erneut.",
    too_slow: Plural::other(
        "Der Treuepunkte-Dienst hat zu lange nicht geantwortet (über {seconds} Sekunden).",
    )
    .one("Der Treuepunkte-Dienst hat zu lange nicht geantwortet (über {seconds} Sekunde)."),
    unreadable: "Die Antwort des Treuepunkte-Dienstes konnte nicht gelesen werden ({detail}).",

    retry_waiting: Plural::any("Neuer Versuch in {seconds} s…"),
    retrying: "Neuer Versuch…",
    maybe_outdated: "Diese Zahlen sind möglicherweise nicht mehr aktuell.",
    widget_stopped: "Die Punkteanzeige wurde angehalten; laden Sie die Seite neu.",
};
