//! How the badge looks: its variant and its colour theme.

use std::fmt;
use std::str::FromStr;

/// How much the badge shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Variant {
    /// The summary figures and the points history.
    #[default]
    Full,
    /// One line: the fan level and the redeemable points.
    Compact,
}

/// The badge's colours.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Theme {
    /// Dark text on a light background.
    Light,
    /// Light text on a dark background.
    Dark,
    /// Follows the viewer's `prefers-color-scheme`.
    #[default]
    Auto,
}

impl Variant {
    /// The attribute value: `full` or `compact`.
    pub fn as_str(self) -> &'static str {
        match self {
            Variant::Full => "full",
            Variant::Compact => "compact",
        }
    }
}

impl Theme {
    /// The attribute value: `light`, `dark` or `auto`.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Auto => "auto",
        }
    }
}

/// A value that is not one of the allowed names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownValue {
    /// What was given.
    pub given: String,
    /// What is allowed.
    pub allowed: &'static [&'static str],
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "“{}” is not one of {}",
            self.given.chars().take(40).collect::<String>(),
            self.allowed.join(", ")
        )
    }
}

impl std::error::Error for UnknownValue {}

impl FromStr for Variant {
    type Err = UnknownValue;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "full" => Ok(Variant::Full),
            "compact" => Ok(Variant::Compact),
            _ => Err(UnknownValue {
                given: s.to_owned(),
                allowed: &["full", "compact"],
            }),
        }
    }
}

impl FromStr for Theme {
    type Err = UnknownValue;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "light" => Ok(Theme::Light),
            "dark" => Ok(Theme::Dark),
            "auto" => Ok(Theme::Auto),
            _ => Err(UnknownValue {
                given: s.to_owned(),
                allowed: &["light", "dark", "auto"],
            }),
        }
    }
}
