//! Closed sets of names (id types, variants, themes): one design for parsing them and for
//! refusing the others.

use thiserror::Error;

use crate::api::text::{Message, NameSet};

/// A name that is not in its closed set: `id-type="login_name"`, `variant="huge"`.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("{}", self.message())]
pub struct UnknownName {
    /// Which set.
    pub set: NameSet,
    /// What was given, verbatim.
    pub given: String,
    /// The names allowed.
    pub allowed: &'static [&'static str],
}

impl UnknownName {
    /// What the badge says about it.
    pub fn message(&self) -> Message<'_> {
        Message::UnknownName {
            set: self.set,
            given: &self.given,
            allowed: self.allowed,
        }
    }
}

/// Defines a `Copy` enum whose variants each have one wire name, with `ALL`, `NAMES`, `as_str`,
/// `Display`, and a `FromStr` that accepts exactly the names (no case folding, no trimming) and
/// refuses the rest with an [`UnknownName`].
macro_rules! closed_names {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident in $set:path {
            $( $(#[$variant_meta:meta])* $variant:ident = $wire:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        $vis enum $name {
            $( $(#[$variant_meta])* $variant, )+
        }

        impl $name {
            /// Every value, in the documented order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// Every wire name, in the order of [`Self::ALL`].
            pub const NAMES: &'static [&'static str] = &[$($wire),+];

            /// The wire name.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $wire, )+
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::api::name::UnknownName;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $( $wire => Ok($name::$variant), )+
                    _ => Err($crate::api::name::UnknownName {
                        set: $set,
                        given: s.to_owned(),
                        allowed: Self::NAMES,
                    }),
                }
            }
        }
    };
}

pub(crate) use closed_names;
