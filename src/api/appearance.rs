//! How the badge looks: its variant and its colour theme. Pure names, so that the embed options
//! table (and the TypeScript types made from it) can list them without a browser.

use crate::api::name::closed_names;
use crate::api::text::NameSet;

closed_names! {
    /// How much the badge shows.
    #[derive(Default)]
    pub enum Variant in NameSet::Variant {
        /// The summary figures and the points history.
        #[default]
        Full = "full",
        /// One line: the fan level and the redeemable points.
        Compact = "compact",
    }
}

closed_names! {
    /// The badge's colours.
    #[derive(Default)]
    pub enum Theme in NameSet::Theme {
        /// Dark text on a light background.
        Light = "light",
        /// Light text on a dark background.
        Dark = "dark",
        /// Follows the viewer's `prefers-color-scheme`.
        #[default]
        Auto = "auto",
    }
}
