//! 日本語 (Japanese). Japanese has one plural form; lists are separated by 「、」 and inputs
//! quoted in 「」.

use super::PluralCategory::Other;
use super::{Catalog, Plural, Quotes};

pub(super) static CATALOG: Catalog = Catalog {
    tag: "ja",
    name: "日本語",
    right_to_left: false,
    plural_categories: &[Other],
    quotes: Quotes {
        open: "「",
        close: "」",
    },
    list_separator: "、",

    widget_label: "ロイヤルティポイント",
    total_points: "累計ポイント",
    redeemable_points: "利用可能ポイント",
    fan_level: "ファンレベル",
    no_fan_level: "まだありません",
    history: "ポイント履歴",
    no_activity: "ポイントの履歴はまだありません。",
    date_unknown: "日付不明",
    loading: "ポイントを読み込んでいます…",
    updating: "更新しています…",
    retry: "再試行",
    show_more: Plural::any("さらに {count} 件表示"),
    unreadable_entries: Plural::any("{count} 件の履歴を表示できませんでした。"),
    redeemable_count: Plural::any("利用可能 {count} ポイント"),
    points_summary: Plural::any("累計 {total} ポイントのうち、利用可能なポイントは {redeemable} ポイント。"),
    fan_level_is: "ファンレベル：{level}。",
    earned: Plural::any("{count} ポイント獲得"),
    spent: Plural::any("{count} ポイント利用"),

    id_type_id: "CrowdTwist ID",
    id_type_email: "メールアドレス",
    id_type_username: "ユーザー名",
    id_type_third_party_id: "外部 ID",
    id_type_facebook_user_id: "Facebook ユーザー ID",
    id_type_twitter_user_id: "Twitter ユーザー ID",
    id_type_mobile_phone_number: "携帯電話番号",

    no_member_id: "会員 ID が指定されていません。",
    dot_segment: "{id}は会員 ID として使用できません。",
    control_character: "会員 ID に制御文字が含まれています。",
    member_id_too_long: "会員 ID が長すぎます（{bytes} バイト。上限は {max} バイト）。",
    unknown_id_type: "{given}は使用できる ID の種類ではありません。次のいずれかを指定してください：{allowed}。",
    unknown_variant: "{given}は使用できる表示形式ではありません。次のいずれかを指定してください：{allowed}。",
    unknown_theme: "{given}は使用できるテーマではありません。次のいずれかを指定してください：{allowed}。",
    unusable_address: "ロイヤルティサービスのアドレスを使用できません：{reason}",
    bad_environment: "環境名に使用できるのは英字、数字、「-」だけです",
    bad_client_id: "クライアント ID に使用できるのは英字、数字、「-」だけです",
    endpoint_whitespace: "空白または制御文字が含まれています",
    endpoint_query_or_fragment: "「?」や「#」を含めることはできません",
    endpoint_not_path_or_http: "「/」で始まるパスか http(s):// のアドレスを指定してください",
    endpoint_non_ascii_host: "ASCII 以外の文字を含むホスト名は xn-- 形式で指定してください",

    not_found: "この会員のロイヤルティアカウントが見つかりませんでした。",
    not_allowed: "このポイントを表示する権限がありません。ページを再読み込みして、もう一度サインインしてください。",
    sign_in_expired: "サインインの有効期限が切れました。ページを再読み込みすると、ポイントを表示できます。",
    refused: "ロイヤルティサービスがリクエストを拒否しました：{what}",
    busy_for: Plural::any(
        "ロイヤルティサービスが混み合っています（{what}）。{seconds} 秒後にもう一度お試しください。",
    ),
    http_busy_for: Plural::any(
        "ロイヤルティサービスが混み合っています（HTTP 429）。{seconds} 秒後にもう一度お試しください。",
    ),
    http_busy: "ロイヤルティサービスが混み合っています（HTTP 429）。しばらくしてからもう一度お試しください。",
    unavailable: "ロイヤルティサービスは現在利用できません（HTTP {status}）。",
    http_error: "ロイヤルティサービスがエラーを返しました（HTTP {status}）。",
    unreachable: "ロイヤルティサービスに接続できませんでした。接続を確認して、もう一度お試しください。",
    too_slow: Plural::any("ロイヤルティサービスの応答に時間がかかりすぎました（{seconds} 秒超過）。"),
    unreadable: "ロイヤルティサービスから読み取れない応答が返されました（{detail}）。",

    retry_waiting: Plural::any("{seconds} 秒後に再試行します…"),
    retrying: "再試行しています…",
    maybe_outdated: "この数値は最新ではない可能性があります。",
    widget_stopped: "ポイント表示が停止しました。ページを再読み込みしてください。",
};
