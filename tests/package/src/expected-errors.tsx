// Mistakes the types catch: each line after `@ts-expect-error` must be an error, or the project
// does not compile (TS2578). fail/ shows the error each one gives.
import "loyalty-badge";
import { mount } from "loyalty-badge";

const element = document.createElement("loyalty-badge");
// @ts-expect-error: a misspelt option
mount(element, { userId: "a", varient: "compact" });
// @ts-expect-error: a variant that does not exist
mount(element, { userId: "a", variant: "huge" });
// @ts-expect-error: userId is required
mount(element, { variant: "full" });
// @ts-expect-error: numbers are numbers
mount(element, { userId: "a", pageSize: "5" });
const badge = mount(element, { userId: "a" });
// @ts-expect-error: a misspelt method
badge.refesh();
// @ts-expect-error: the element's misspelt method
element.refersh();
element.addEventListener("loyalty-badge:load", (event) => {
  // @ts-expect-error: a misspelt detail field
  console.log(event.detail.totalPoint);
});
element.addEventListener("loyalty-badge:error", (event) => {
  // @ts-expect-error: not an error kind
  if (event.detail.kind === "forbiden") console.log(event.detail.message);
});

export const wrongVariant = (
  // @ts-expect-error: a variant that does not exist, in JSX
  <loyalty-badge user-id="a" variant="huge" />
);
export const misspeltAttribute = (
  <loyalty-badge user-id="a" page-sise="5" />
);
export const wordsForNumbers = (
  // @ts-expect-error: a number that is not one
  <loyalty-badge user-id="a" page-size="ten" />
);
