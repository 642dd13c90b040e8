//! Português do Brasil (Brazilian Portuguese); also the words for `pt` and `pt-PT` until a
//! European Portuguese catalog exists.

use super::PluralCategory::{Many, One, Other};
use super::{Catalog, Plural, Quotes};

pub(super) static CATALOG: Catalog = Catalog {
    tag: "pt-BR",
    name: "Português (Brasil)",
    right_to_left: false,
    plural_categories: &[One, Many, Other],
    quotes: Quotes {
        open: "“",
        close: "”",
    },
    list_separator: ", ",

    widget_label: "Pontos de fidelidade",
    total_points: "Total de pontos",
    redeemable_points: "Pontos resgatáveis",
    fan_level: "Nível de fã",
    no_fan_level: "Nenhum ainda",
    history: "Histórico de pontos",
    no_activity: "Ainda não há movimentação de pontos.",
    date_unknown: "Data desconhecida",
    loading: "Carregando pontos…",
    updating: "Atualizando…",
    retry: "Tentar novamente",
    show_more: Plural::any("Mostrar mais {count}"),
    // "one" is 0 and 1 in Brazilian Portuguese; "many" is CLDR's category of whole millions.
    unreadable_entries: Plural::other("{count} registros não puderam ser exibidos.")
        .one("{count} registro não pôde ser exibido.")
        .many("{count} de registros não puderam ser exibidos."),
    redeemable_count: Plural::other("{count} pontos resgatáveis")
        .one("{count} ponto resgatável")
        .many("{count} de pontos resgatáveis"),
    points_summary: Plural::other("{redeemable} pontos resgatáveis de {total} no total.")
        .one("{redeemable} ponto resgatável de {total} no total.")
        .many("{redeemable} de pontos resgatáveis de {total} no total."),
    fan_level_is: "Nível de fã: {level}.",
    earned: Plural::other("{count} pontos ganhos")
        .one("{count} ponto ganho")
        .many("{count} de pontos ganhos"),
    spent: Plural::other("{count} pontos usados")
        .one("{count} ponto usado")
        .many("{count} de pontos usados"),

    id_type_id: "ID da CrowdTwist",
    id_type_email: "Endereço de e-mail",
    id_type_username: "Nome de usuário",
    id_type_third_party_id: "ID externo",
    id_type_facebook_user_id: "ID de usuário do Facebook",
    id_type_twitter_user_id: "ID de usuário do Twitter",
    id_type_mobile_phone_number: "Número de celular",

    no_member_id: "Nenhum ID de membro foi informado.",
    dot_segment: "{id} não pode ser usado como ID de membro.",
    control_character: "O ID de membro contém um caractere de controle.",
    member_id_too_long: "O ID de membro é longo demais ({bytes} bytes; no máximo {max}).",
    unknown_id_type: "{given} não é um tipo de ID conhecido. Use um destes: {allowed}.",
    unknown_variant: "{given} não é uma variante conhecida. Use uma destas: {allowed}.",
    unknown_theme: "{given} não é um tema conhecido. Use um destes: {allowed}.",
    unusable_address: "O endereço do serviço de fidelidade não pode ser usado: {reason}",
    bad_environment: "o ambiente só pode conter letras, dígitos e “-”",
    bad_client_id: "o ID do cliente só pode conter letras, dígitos e “-”",
    endpoint_whitespace: "ele contém espaços ou caracteres de controle",
    endpoint_query_or_fragment: "ele não pode conter “?” nem “#”",
    endpoint_not_path_or_http: "use um caminho que comece com “/” ou um endereço http(s)://",
    endpoint_non_ascii_host: "escreva nomes de host com letras não ASCII na forma xn--",

    not_found: "Nenhuma conta de fidelidade foi encontrada para este membro.",
    not_allowed: "Você não tem permissão para ver estes pontos. Recarregue a página e entre \
                  novamente.",
    sign_in_expired: "Sua sessão expirou. Recarregue a página para ver estes pontos.",
    refused: "O serviço de fidelidade recusou a solicitação: {what}",
    busy_for: Plural::any(
        "O serviço de fidelidade está sobrecarregado ({what}). Tente novamente em {seconds} s.",
    ),
    http_busy_for: Plural::any(
        "O serviço de fidelidade está sobrecarregado (HTTP 429). Tente novamente em {seconds} s.",
    ),
    http_busy: "O serviço de fidelidade está sobrecarregado (HTTP 429). Tente novamente em \
                instantes.",
    unavailable: "O serviço de fidelidade está indisponível no momento (HTTP {status}).",
    http_error: "O serviço de fidelidade respondeu com um erro (HTTP {status}).",
    unreachable: "Não foi possível acessar o serviço de fidelidade. Verifique sua conexão e \
                  tente novamente.",
    too_slow: Plural::other(
        "O serviço de fidelidade demorou demais para responder (mais de {seconds} segundos).",
    )
    .one("O serviço de fidelidade demorou demais para responder (mais de {seconds} segundo).")
    .many("O serviço de fidelidade demorou demais para responder (mais de {seconds} de segundos)."),
    unreadable: "O serviço de fidelidade enviou uma resposta que não pôde ser lida ({detail}).",

    retry_waiting: Plural::any("Tentando novamente em {seconds} s…"),
    retrying: "Tentando novamente…",
    maybe_outdated: "Estes números podem estar desatualizados.",
    widget_stopped: "O módulo de pontos parou; recarregue a página.",
};
