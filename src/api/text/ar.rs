//! العربية (Arabic), right to left. Arabic has all six plural categories: zero (0), one (1), two
//! (2), few (3–10), many (11–99) and other (100–102, ...); the noun after a number changes with
//! them (نقطتان for two points, نقاط for three to ten, نقطة from eleven on).

use super::PluralCategory::{Few, Many, One, Other, Two, Zero};
use super::{Catalog, Plural, Quotes};

pub(super) static CATALOG: Catalog = Catalog {
    tag: "ar",
    name: "العربية",
    right_to_left: true,
    plural_categories: &[Zero, One, Two, Few, Many, Other],
    quotes: Quotes {
        open: "«",
        close: "»",
    },
    list_separator: "، ",

    widget_label: "نقاط الولاء",
    total_points: "إجمالي النقاط",
    redeemable_points: "النقاط القابلة للاستبدال",
    fan_level: "مستوى المعجب",
    no_fan_level: "لا يوجد بعد",
    history: "سجل النقاط",
    no_activity: "لا توجد حركة نقاط بعد.",
    date_unknown: "تاريخ غير معروف",
    loading: "جارٍ تحميل النقاط…",
    updating: "جارٍ التحديث…",
    retry: "إعادة المحاولة",
    show_more: Plural::any("عرض المزيد ({count})"),
    unreadable_entries: Plural::other("تعذّر عرض {count} إدخال.")
        .zero("تعذّر عرض {count} إدخال.")
        .one("تعذّر عرض {count} إدخال.")
        .two("تعذّر عرض {count} إدخالين.")
        .few("تعذّر عرض {count} إدخالات.")
        .many("تعذّر عرض {count} إدخالًا."),
    redeemable_count: Plural::other("{count} نقطة قابلة للاستبدال")
        .zero("{count} نقطة قابلة للاستبدال")
        .one("{count} نقطة قابلة للاستبدال")
        .two("{count} نقطتان قابلتان للاستبدال")
        .few("{count} نقاط قابلة للاستبدال")
        .many("{count} نقطة قابلة للاستبدال"),
    points_summary: Plural::other("{redeemable} نقطة قابلة للاستبدال من أصل {total}.")
        .zero("{redeemable} نقطة قابلة للاستبدال من أصل {total}.")
        .one("{redeemable} نقطة قابلة للاستبدال من أصل {total}.")
        .two("{redeemable} نقطتان قابلتان للاستبدال من أصل {total}.")
        .few("{redeemable} نقاط قابلة للاستبدال من أصل {total}.")
        .many("{redeemable} نقطة قابلة للاستبدال من أصل {total}."),
    fan_level_is: "مستوى المعجب: {level}.",
    earned: Plural::other("تم كسب {count} نقطة")
        .zero("تم كسب {count} نقطة")
        .one("تم كسب {count} نقطة")
        .two("تم كسب {count} نقطتين")
        .few("تم كسب {count} نقاط")
        .many("تم كسب {count} نقطة"),
    spent: Plural::other("تم استخدام {count} نقطة")
        .zero("تم استخدام {count} نقطة")
        .one("تم استخدام {count} نقطة")
        .two("تم استخدام {count} نقطتين")
        .few("تم استخدام {count} نقاط")
        .many("تم استخدام {count} نقطة"),

    id_type_id: "معرّف CrowdTwist",
    id_type_email: "البريد الإلكتروني",
    id_type_username: "اسم المستخدم",
    id_type_third_party_id: "معرّف خارجي",
    id_type_facebook_user_id: "معرّف مستخدم Facebook",
    id_type_twitter_user_id: "معرّف مستخدم Twitter",
    id_type_mobile_phone_number: "رقم الهاتف المحمول",

    no_member_id: "لم يُحدَّد معرّف العضو.",
    dot_segment: "لا يمكن استخدام {id} معرّفًا للعضو.",
    control_character: "يحتوي معرّف العضو على حرف تحكم.",
    member_id_too_long: "معرّف العضو طويل جدًا ({bytes} بايت؛ الحد الأقصى {max}).",
    unknown_id_type: "{given} ليس نوع معرّف معروفًا. استخدم أحد الأنواع التالية: {allowed}.",
    unknown_variant: "{given} ليس شكل عرض معروفًا. استخدم أحد الأشكال التالية: {allowed}.",
    unknown_theme: "{given} ليس مظهرًا معروفًا. استخدم أحد المظاهر التالية: {allowed}.",
    unusable_address: "عنوان خدمة الولاء غير صالح للاستخدام: {reason}",
    bad_environment: "لا يمكن أن يحتوي اسم البيئة إلا على حروف وأرقام و«-»",
    bad_client_id: "لا يمكن أن يحتوي معرّف العميل إلا على حروف وأرقام و«-»",
    endpoint_whitespace: "يحتوي على مسافات أو أحرف تحكم",
    endpoint_query_or_fragment: "يجب ألا يحتوي على «?» أو «#»",
    endpoint_not_path_or_http: "استخدم مسارًا يبدأ بـ«/» أو عنوان http(s)://",
    endpoint_non_ascii_host: "اكتب اسم المضيف الذي يحتوي على أحرف غير ASCII بصيغة xn--",

    not_found: "لم يُعثر على حساب ولاء لهذا العضو.",
    not_allowed: "لا يُسمح لك بعرض هذه النقاط. أعد تحميل الصفحة وسجّل الدخول مرة أخرى.",
    sign_in_expired: "انتهت صلاحية تسجيل دخولك. أعد تحميل الصفحة لعرض هذه النقاط.",
    refused: "رفضت خدمة الولاء الطلب: {what}",
    busy_for: Plural::other("خدمة الولاء مشغولة ({what}). أعد المحاولة بعد {seconds} ثانية.")
        .zero("خدمة الولاء مشغولة ({what}). أعد المحاولة بعد {seconds} ثانية.")
        .one("خدمة الولاء مشغولة ({what}). أعد المحاولة بعد {seconds} ثانية.")
        .two("خدمة الولاء مشغولة ({what}). أعد المحاولة بعد {seconds} ثانيتين.")
        .few("خدمة الولاء مشغولة ({what}). أعد المحاولة بعد {seconds} ثوانٍ.")
        .many("خدمة الولاء مشغولة ({what}). أعد المحاولة بعد {seconds} ثانية."),
    http_busy_for: Plural::other("خدمة الولاء مشغولة (HTTP 429). أعد المحاولة بعد {seconds} ثانية.")
        .zero("خدمة الولاء مشغولة (HTTP 429). أعد المحاولة بعد {seconds} ثانية.")
        .one("خدمة الولاء مشغولة (HTTP 429). أعد المحاولة بعد {seconds} ثانية.")
        .two("خدمة الولاء مشغولة (HTTP 429). أعد المحاولة بعد {seconds} ثانيتين.")
        .few("خدمة الولاء مشغولة (HTTP 429). أعد المحاولة بعد {seconds} ثوانٍ.")
        .many("خدمة الولاء مشغولة (HTTP 429). أعد المحاولة بعد {seconds} ثانية."),
    http_busy: "خدمة الولاء مشغولة (HTTP 429). أعد المحاولة بعد قليل.",
    unavailable: "خدمة الولاء غير متاحة حاليًا (HTTP {status}).",
    http_error: "ردّت خدمة الولاء بخطأ (HTTP {status}).",
    unreachable: "تعذّر الوصول إلى خدمة الولاء. تحقق من اتصالك وأعد المحاولة.",
    too_slow: Plural::other("استغرقت خدمة الولاء وقتًا طويلًا للرد (أكثر من {seconds} ثانية).")
        .zero("استغرقت خدمة الولاء وقتًا طويلًا للرد (أكثر من {seconds} ثانية).")
        .one("استغرقت خدمة الولاء وقتًا طويلًا للرد (أكثر من {seconds} ثانية).")
        .two("استغرقت خدمة الولاء وقتًا طويلًا للرد (أكثر من {seconds} ثانيتين).")
        .few("استغرقت خدمة الولاء وقتًا طويلًا للرد (أكثر من {seconds} ثوانٍ).")
        .many("استغرقت خدمة الولاء وقتًا طويلًا للرد (أكثر من {seconds} ثانية)."),
    unreadable: "أرسلت خدمة الولاء ردًا تعذّرت قراءته ({detail}).",

    retry_waiting: Plural::other("إعادة المحاولة بعد {seconds} ثانية…")
        .zero("إعادة المحاولة بعد {seconds} ثانية…")
        .one("إعادة المحاولة بعد {seconds} ثانية…")
        .two("إعادة المحاولة بعد {seconds} ثانيتين…")
        .few("إعادة المحاولة بعد {seconds} ثوانٍ…")
        .many("إعادة المحاولة بعد {seconds} ثانية…"),
    retrying: "جارٍ إعادة المحاولة…",
    maybe_outdated: "قد لا تكون هذه الأرقام محدّثة.",
    widget_stopped: "توقفت أداة عرض النقاط؛ أعد تحميل الصفحة.",
};
