import { mount } from "loyalty-badge";

// expect-error TS2741|TS2345: Property 'userId' is missing
mount(document.body, { idType: "email" });

export const NoMember = () => (
  // expect-error TS2322: Property '"user-id"' is missing
  <loyalty-badge id-type="email" />
);

export const Children = () => (
  // expect-error TS2322: Type 'Element' is not assignable to type
  <loyalty-badge user-id="alice@crowdtwist.com"><span>shown nowhere</span></loyalty-badge>
);
