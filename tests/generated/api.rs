//! The JavaScript API `loader.js` defines, described once for the type declarations and the
//! manifest (`sources.rs` checks `loader.js` still defines these names).

/// A function's or a method's parameter.
pub struct Param {
    pub name: &'static str,
    /// Its TypeScript type.
    pub ty: &'static str,
    pub meaning: &'static str,
}

/// A function or a method.
pub struct Function {
    pub name: &'static str,
    pub params: &'static [Param],
    /// The TypeScript type it returns.
    pub returns: &'static str,
    pub meaning: &'static str,
}

/// A variable or a read-only property.
pub struct Value {
    pub name: &'static str,
    /// Its TypeScript type.
    pub ty: &'static str,
    pub meaning: &'static str,
}

/// What the element is, for its declaration.
pub const ELEMENT: &str = "A member's CrowdTwist loyalty points: total, redeemable, fan level and \
     history, in an open shadow root. Importing `loyalty-badge` loads the wasm beside it and, once \
     it is ready, defines the element (once, however often it is imported); elements already in \
     the page upgrade. Restyle it with its CSS custom properties and shadow parts.";

/// The element's methods.
pub const ELEMENT_METHODS: &[Function] = &[Function {
    name: "refresh",
    params: &[],
    returns: "void",
    meaning: "Fetches the points again, keeping the shown figures until the new ones arrive. \
              Defined with the element, once the module's `ready` has settled.",
}];

/// The module's `mount`.
pub const MOUNT: Function = Function {
    name: "mount",
    params: &[
        Param {
            name: "element",
            ty: "HTMLElement",
            meaning: "an element that can hold a shadow root (a `<div>`, a `<span>`, a custom \
                      element, ...) and holds no badge yet",
        },
        Param {
            name: "options",
            ty: "MountOptions",
            meaning: "the element's attributes in camelCase",
        },
    ],
    returns: "Badge",
    meaning: "Renders a badge into `element`'s open shadow root, and returns its handle. Works \
              before the wasm is ready: the badge then appears once it is, and what is asked of \
              the handle meanwhile is done in order. An element that cannot take a badge, or \
              options that are not an object, throw an `Error` at once; options that do not \
              parse throw once the wasm is ready, and before that reject the badge's `ready`.",
};

/// The module's `ready`.
pub const READY: Value = Value {
    name: "ready",
    ty: "Promise<void>",
    meaning: "Settles once the wasm is loaded and `<loyalty-badge>` is defined (and every \
              `mount()` made before has been carried out); rejects with an `Error` saying why if \
              the wasm cannot be loaded.",
};

/// What `mount` returns.
pub const BADGE: &str = "A badge made by `mount()`.";

/// The handle's `ready`.
pub const BADGE_READY: Value = Value {
    name: "ready",
    ty: "Promise<void>",
    meaning: "Settles once the badge is mounted and what was asked of it meanwhile is done; \
              rejects with the first option error among those calls, or with the error that kept \
              the wasm from loading.",
};

/// The handle's methods.
pub const BADGE_METHODS: &[Function] = &[
    Function {
        name: "update",
        params: &[Param {
            name: "options",
            ty: "UpdateOptions",
            meaning: "the options to change; `null` resets one",
        }],
        returns: "void",
        meaning: "Changes some options (`null` resets one to its default, options left out \
                  stay); refetches only if the request changed. An option that does not parse \
                  throws an `Error` naming it.",
    },
    Function {
        name: "refresh",
        params: &[],
        returns: "void",
        meaning: "Fetches the points again, keeping the shown figures until the new ones arrive.",
    },
    Function {
        name: "destroy",
        params: &[],
        returns: "void",
        meaning: "Aborts the request in flight and removes the badge. Calling it again does \
                  nothing.",
    },
];
