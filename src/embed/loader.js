
// ---- loyalty-badge start-up, appended to wasm-bindgen's output by `make embed`. ----
// Importing this module loads loyalty-badge_bg.wasm from beside it and defines <loyalty-badge>
// once, however many times (and from however many copies) it is imported; elements already in
// the page upgrade.
await __wbg_init({ module_or_path: new URL("loyalty-badge_bg.wasm", import.meta.url) });

if (!customElements.get("loyalty-badge")) {
  class LoyaltyBadgeElement extends HTMLElement {
    static get observedAttributes() {
      return loyaltyBadgeObservedAttributes();
    }

    #binding = new LoyaltyBadgeElementBinding(this);

    connectedCallback() {
      this.#binding.connected();
    }

    disconnectedCallback() {
      this.#binding.disconnected();
    }

    attributeChangedCallback() {
      this.#binding.attributesChanged();
    }

    /** Fetches the points again, keeping the shown figures until the new ones arrive. */
    refresh() {
      this.#binding.refresh();
    }
  }
  customElements.define("loyalty-badge", LoyaltyBadgeElement);
}
