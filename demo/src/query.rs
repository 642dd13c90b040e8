//! The demo's state in the page's query string (`?user_id=...&id_type=...&locale=...`), so a view
//! can be shared as a link.

use loyalty_badge::IdType;
use web_sys::UrlSearchParams;

/// The member shown.
#[derive(Clone, Debug, PartialEq)]
pub struct DemoQuery {
    /// The member id, as typed.
    pub user_id: String,
    /// The id type; `None` sends none.
    pub id_type: Option<IdType>,
    /// The badge's language (a BCP 47 tag); `None` is the browser's.
    pub locale: Option<String>,
}

impl Default for DemoQuery {
    /// The API documentation's sample member.
    fn default() -> Self {
        DemoQuery {
            user_id: "alice@crowdtwist.com".to_owned(),
            id_type: Some(IdType::Email),
            locale: None,
        }
    }
}

impl DemoQuery {
    /// Reads the page's current query string; the sample member when it names none. An
    /// unknown `id_type` is dropped rather than guessed; an empty `locale` is the browser's.
    pub fn from_location() -> Self {
        let search = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        let Ok(params) = UrlSearchParams::new_with_str(&search) else {
            return DemoQuery::default();
        };
        let locale = params.get("locale").filter(|l| !l.trim().is_empty());
        match params.get("user_id") {
            Some(user_id) => DemoQuery {
                user_id,
                id_type: params.get("id_type").and_then(|t| t.parse().ok()),
                locale,
            },
            None => DemoQuery {
                locale,
                ..DemoQuery::default()
            },
        }
    }

    /// `?user_id=...&id_type=...&locale=...`, encoded.
    pub fn to_search(&self) -> String {
        let Ok(params) = UrlSearchParams::new() else {
            return String::new();
        };
        params.append("user_id", &self.user_id);
        if let Some(id_type) = self.id_type {
            params.append("id_type", id_type.as_str());
        }
        if let Some(locale) = &self.locale {
            params.append("locale", locale);
        }
        format!("?{}", String::from(params.to_string()))
    }

    /// Adds this query to the browser's history (so Back returns to the previous member).
    pub fn push(&self) {
        if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
            let _ = history.push_state_with_url(
                &wasm_bindgen::JsValue::NULL,
                "",
                Some(&self.to_search()),
            );
        }
    }
}
