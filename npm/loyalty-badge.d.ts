// loyalty-badge 0.1.0: the types of loyalty-badge.js and <loyalty-badge>.
// Generated from src/embed/options.rs and src/embed/manifest.rs by tests/generated; do not edit.

/** The values of `idType` (the `id-type` attribute). */
export type LoyaltyBadgeIdType = "id" | "email" | "username" | "third_party_id" | "facebook_user_id" | "twitter_user_id" | "mobile_phone_number";

/** The values of `variant` (the `variant` attribute). */
export type LoyaltyBadgeVariant = "full" | "compact";

/** The values of `theme` (the `theme` attribute). */
export type LoyaltyBadgeTheme = "light" | "dark" | "auto";

/** The options of `mount()`: the element's attributes, in camelCase. */
export interface MountOptions {
  /** The member's identifier (required). */
  userId: string;
  /**
   * What `user-id` is.
   * @defaultValue not sent (CrowdTwist's own id)
   */
  idType?: LoyaltyBadgeIdType | undefined;
  /**
   * What goes in front of `/v2/users/...`: a proxy path (`/loyalty`) or an origin.
   * @defaultValue the page's origin
   */
  apiBase?: string | undefined;
  /**
   * With `client-id`, instead of `api-base`:
   * `https://{environment}api{client-id}.crowdtwist.com`.
   * @defaultValue none
   */
  environment?: string | undefined;
  /**
   * The CrowdTwist client id, with `environment`.
   * @defaultValue none
   */
  clientId?: string | undefined;
  /**
   * Sent as `api_key`; sandboxes and internal pages only: anyone who loads the page can read it
   * (in production, a proxy adds it: `api-base`).
   * @defaultValue none
   */
  apiKey?: string | undefined;
  /**
   * BCP 47 tag for the badge's words, numbers and dates (see Languages).
   * @defaultValue `<html lang>`, then the browser's
   */
  locale?: string | undefined;
  /**
   * IANA zone for dates.
   * @defaultValue the viewer's
   */
  timeZone?: string | undefined;
  /**
   * History entries before a "Show more" button. A whole number, at least 1.
   * @defaultValue 10
   */
  pageSize?: number | undefined;
  /**
   * `full` (summary and history) or `compact` (one line: fan level and redeemable points).
   * @defaultValue `full`
   */
  variant?: LoyaltyBadgeVariant | undefined;
  /**
   * Colours; `auto` follows `prefers-color-scheme`.
   * @defaultValue `auto`
   */
  theme?: LoyaltyBadgeTheme | undefined;
  /**
   * Request time limit in milliseconds. A whole number, at least 1.
   * @defaultValue 10000
   */
  timeout?: number | undefined;
  /**
   * Seconds between refreshes while the tab is visible (at least 5); 0 is off. A whole number,
   * at least 0.
   * @defaultValue 0
   */
  refreshInterval?: number | undefined;
  /**
   * Sent as the `X-Member-Token` header, for a proxy that requires one.
   * @defaultValue none
   */
  memberToken?: string | undefined;
  /**
   * Whether the `compact` variant shows its details (the full view); the element reflects the
   * member's toggling here and dispatches `loyalty-badge:toggle`.
   * @defaultValue absent (closed)
   */
  open?: boolean | undefined;
}

/**
 * Changes to a badge's options: `null` (or `undefined`) resets one to its default, options left
 * out stay as they are.
 */
export type UpdateOptions = {
  [K in keyof MountOptions]?: MountOptions[K] | null | undefined;
};

/** A badge made by `mount()`. */
export interface Badge {
  /**
   * Settles once the badge is mounted and what was asked of it meanwhile is done; rejects with
   * the first option error among those calls, or with the error that kept the wasm from
   * loading.
   */
  readonly ready: Promise<void>;
  /**
   * Changes some options (`null` resets one to its default, options left out stay); refetches
   * only if the request changed. An option that does not parse throws an `Error` naming it.
   * @param options - The options to change; `null` resets one.
   */
  update(options: UpdateOptions): void;
  /** Fetches the points again, keeping the shown figures until the new ones arrive. */
  refresh(): void;
  /** Aborts the request in flight and removes the badge. Calling it again does nothing. */
  destroy(): void;
}

/**
 * Renders a badge into `element`'s open shadow root, and returns its handle. Works before the
 * wasm is ready: the badge then appears once it is, and what is asked of the handle meanwhile
 * is done in order. An element that cannot take a badge, or options that are not an object,
 * throw an `Error` at once; options that do not parse throw once the wasm is ready, and before
 * that reject the badge's `ready`.
 * @param element - An element that can hold a shadow root (a `<div>`, a `<span>`, a custom
 *   element, ...) and holds no badge yet.
 * @param options - The element's attributes in camelCase.
 */
export declare function mount(element: HTMLElement, options: MountOptions): Badge;

/**
 * Settles once the wasm is loaded and `<loyalty-badge>` is defined (and every `mount()` made
 * before has been carried out); rejects with an `Error` saying why if the wasm cannot be
 * loaded.
 */
export declare const ready: Promise<void>;

/**
 * The kinds of error: the `kind` of `loyalty-badge:error`'s detail.
 * - `invalid-input`: refused before any request was made: a member id, id type or endpoint that
 *   does not parse
 * - `not-found`: the member does not exist
 * - `forbidden`: the proxy refused the member token (`token_required`, `token_invalid`,
 *   `token_expired`): asking again cannot help, a fresh token can
 * - `api`: the API answered with its own error (`code` and `status` say which)
 * - `http`: an HTTP error whose body is not the API's (a gateway's HTML page, an empty body)
 * - `network`: no answer: the connection failed or was dropped, or CORS refused it
 * - `timeout`: no answer within the `timeout`
 * - `decode`: an answer that could not be read as points
 * - `internal`: the widget itself failed (a panic): every badge on the page shows that it
 *   stopped, until the page is reloaded
 */
export type LoyaltyBadgeErrorKind = "invalid-input" | "not-found" | "forbidden" | "api" | "http" | "network" | "timeout" | "decode" | "internal";

/**
 * The `detail` of `loyalty-badge:load`: the member's points arrived (first load, refresh, or a
 * changed member).
 */
export interface LoyaltyBadgeLoadDetail {
  /** The member's CrowdTwist id, as a string. */
  id: string | null;
  /** Every point the member has earned. */
  totalPoints: number;
  /** The points the member can spend now. */
  redeemablePoints: number;
  /** The points the member bought. */
  numPointsPurchased: number | null;
  /** The member's fan level. */
  fanLevel: string | null;
  /** The entries in the history. */
  activityCount: number;
}

/**
 * The `detail` of `loyalty-badge:error`: the badge could not show the points, once its
 * automatic retries are over; it shows `message` instead (after a failed refresh, it keeps the
 * figures it showed, marked possibly out of date).
 */
export interface LoyaltyBadgeErrorDetail {
  /** What kind of failure it is. */
  kind: LoyaltyBadgeErrorKind;
  /** The API's or the proxy's error code (`param_error`, `token_expired`, ...). */
  code: string | null;
  /** The HTTP status, when an answer arrived. */
  status: number | null;
  /** What the badge shows the member. */
  message: string;
  /** Whether asking again can help (the badge then offers Retry). */
  retryable: boolean;
}

/**
 * The `detail` of `loyalty-badge:toggle`: the `compact` badge opened or closed, whatever did it
 * (the member, the `open` attribute, `update({ open })`).
 */
export interface LoyaltyBadgeToggleDetail {
  /** Whether its details are now shown. */
  open: boolean;
}

/**
 * The element's events, by type. They bubble and cross shadow roots (`composed`), so a document
 * or a window hears them too.
 */
export interface LoyaltyBadgeEventMap {
  /** The member's points arrived (first load, refresh, or a changed member). */
  "loyalty-badge:load": CustomEvent<LoyaltyBadgeLoadDetail>;
  /**
   * The badge could not show the points, once its automatic retries are over; it shows
   * `message` instead (after a failed refresh, it keeps the figures it showed, marked possibly
   * out of date).
   */
  "loyalty-badge:error": CustomEvent<LoyaltyBadgeErrorDetail>;
  /**
   * The `compact` badge opened or closed, whatever did it (the member, the `open` attribute,
   * `update({ open })`).
   */
  "loyalty-badge:toggle": CustomEvent<LoyaltyBadgeToggleDetail>;
}

/**
 * `<loyalty-badge>`. A member's CrowdTwist loyalty points: total, redeemable, fan level and
 * history, in an open shadow root. Importing `loyalty-badge` loads the wasm beside it and, once
 * it is ready, defines the element (once, however often it is imported); elements already in
 * the page upgrade. Restyle it with its CSS custom properties and shadow parts.
 */
export interface LoyaltyBadgeElement extends HTMLElement {
  /**
   * Fetches the points again, keeping the shown figures until the new ones arrive. Defined with
   * the element, once the module's `ready` has settled.
   */
  refresh(): void;
}

/**
 * The element's attributes, by their names. In HTML every value is a string; in JSX, numbers
 * may be given as numbers.
 */
export interface LoyaltyBadgeAttributes {
  /** The member's identifier (required). */
  "user-id": string;
  /**
   * What `user-id` is.
   * @defaultValue not sent (CrowdTwist's own id)
   */
  "id-type"?: LoyaltyBadgeIdType | undefined;
  /**
   * What goes in front of `/v2/users/...`: a proxy path (`/loyalty`) or an origin.
   * @defaultValue the page's origin
   */
  "api-base"?: string | undefined;
  /**
   * With `client-id`, instead of `api-base`:
   * `https://{environment}api{client-id}.crowdtwist.com`.
   * @defaultValue none
   */
  "environment"?: string | undefined;
  /**
   * The CrowdTwist client id, with `environment`.
   * @defaultValue none
   */
  "client-id"?: string | undefined;
  /**
   * Sent as `api_key`; sandboxes and internal pages only: anyone who loads the page can read it
   * (in production, a proxy adds it: `api-base`).
   * @defaultValue none
   */
  "api-key"?: string | undefined;
  /**
   * BCP 47 tag for the badge's words, numbers and dates (see Languages).
   * @defaultValue `<html lang>`, then the browser's
   */
  "locale"?: string | undefined;
  /**
   * IANA zone for dates.
   * @defaultValue the viewer's
   */
  "time-zone"?: string | undefined;
  /**
   * History entries before a "Show more" button. A whole number, at least 1.
   * @defaultValue 10
   */
  "page-size"?: number | `${number}` | undefined;
  /**
   * `full` (summary and history) or `compact` (one line: fan level and redeemable points).
   * @defaultValue `full`
   */
  "variant"?: LoyaltyBadgeVariant | undefined;
  /**
   * Colours; `auto` follows `prefers-color-scheme`.
   * @defaultValue `auto`
   */
  "theme"?: LoyaltyBadgeTheme | undefined;
  /**
   * Request time limit in milliseconds. A whole number, at least 1.
   * @defaultValue 10000
   */
  "timeout"?: number | `${number}` | undefined;
  /**
   * Seconds between refreshes while the tab is visible (at least 5); 0 is off. A whole number,
   * at least 0.
   * @defaultValue 0
   */
  "refresh-interval"?: number | `${number}` | undefined;
  /**
   * Sent as the `X-Member-Token` header, for a proxy that requires one.
   * @defaultValue none
   */
  "member-token"?: string | undefined;
  /**
   * Whether the `compact` variant shows its details (the full view); the element reflects the
   * member's toggling here and dispatches `loyalty-badge:toggle`.
   * @defaultValue absent (closed)
   */
  "open"?: boolean | "" | "open" | undefined;
}

declare global {
  interface HTMLElementTagNameMap {
    "loyalty-badge": LoyaltyBadgeElement;
  }
  interface HTMLElementEventMap extends LoyaltyBadgeEventMap {}
  interface DocumentEventMap extends LoyaltyBadgeEventMap {}
  interface WindowEventMap extends LoyaltyBadgeEventMap {}
}

/** A ref to the element in JSX: an object whose `current` is set, or a callback. */
export type LoyaltyBadgeRef =
  | { current: LoyaltyBadgeElement | null }
  | ((element: LoyaltyBadgeElement | null) => void | (() => void))
  | null;

/**
 * The element's props in JSX, given a framework's `JSX.IntrinsicElements`: its attributes by
 * their names, over the props every element takes (`class`, `className`, `id`, `style`,
 * `hidden`, event handlers, ...), a ref to the element (`key` is the framework's), and no
 * children: its shadow root shows none. Where the framework's types are not installed, only the
 * element's own attributes.
 */
export type LoyaltyBadgeJSXProps<IntrinsicElements> = (IntrinsicElements extends {
  section: infer Plain;
}
  ? Omit<Plain, keyof LoyaltyBadgeAttributes | "children" | "ref">
  : {}) &
  LoyaltyBadgeAttributes & {
    ref?: LoyaltyBadgeRef;
    children?: never;
  };

declare module "react" {
  namespace JSX {
    interface IntrinsicElements {
      /**
       * `<loyalty-badge>` in React's JSX. Listen to its events with `addEventListener` on a
       * ref.
       */
      "loyalty-badge": LoyaltyBadgeJSXProps<IntrinsicElements> & {
        /** The element's `class` attribute (React 18 needs it; React 19 takes `className` too). */
        class?: string;
      };
    }
  }
}

declare module "preact" {
  namespace JSX {
    interface IntrinsicElements {
      /**
       * `<loyalty-badge>` in Preact's JSX. Listen to its events with `addEventListener` on a
       * ref.
       */
      "loyalty-badge": LoyaltyBadgeJSXProps<IntrinsicElements>;
    }
  }
}
