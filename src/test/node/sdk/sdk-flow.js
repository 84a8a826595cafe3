// The customer calls of the real @medusajs/js-sdk against a running service, in jwt and in session mode.
// Usage: node sdk-flow.js <baseUrl> <publishableKey> <email> <password>
// Prints "ok <step>" per step; on the first failure prints "FAILED <step>: <reason>" and exits 1.
"use strict";
const Medusa = require("@medusajs/js-sdk").default;

const [baseUrl, publishableKey, email, password] = process.argv.slice(2);
let step = "start";

function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

async function expectStatus(status, call) {
  try {
    await call();
  } catch (e) {
    check(e.status === status, `expected HTTP ${status}, got ${e.status}: ${e.message}`);
    return;
  }
  throw new Error(`expected HTTP ${status}, the call succeeded`);
}

async function run(name, body) {
  step = name;
  await body();
  console.log(`ok ${name}`);
}

// Node's fetch keeps no cookies: a one-origin cookie jar in front of it, as a browser would keep the session cookie.
const jar = new Map();
const nodeFetch = globalThis.fetch;
globalThis.fetch = async (input, init = {}) => {
  const headers = new Headers(init.headers);
  if (jar.size > 0) {
    headers.set("cookie", [...jar].map(([name, value]) => `${name}=${value}`).join("; "));
  }
  const response = await nodeFetch(input, { ...init, headers });
  for (const cookie of response.headers.getSetCookie()) {
    const [pair, ...attributes] = cookie.split(";");
    const name = pair.slice(0, pair.indexOf("="));
    const value = pair.slice(pair.indexOf("=") + 1);
    jar.set(name, value);
    if (attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === "") {
      jar.delete(name);
    }
    check(/;\s*HttpOnly/i.test(cookie) && /;\s*SameSite=Lax/i.test(cookie), `cookie without HttpOnly/SameSite=Lax: ${name}`);
  }
  return response;
};

async function main() {
  const jwt = new Medusa({ baseUrl, publishableKey, auth: { type: "jwt", jwtTokenStorageMethod: "memory" } });
  let customerId;
  let addressId;

  await run("listProviders", async () => {
    const { providers } = await jwt.auth.listProviders("customer");
    check(providers.some((p) => p.id === "emailpass" && p.flow === "credentials"), JSON.stringify(providers));
  });
  await run("register", async () => {
    const token = await jwt.auth.register("customer", "emailpass", { email, password });
    check(typeof token === "string" && token.split(".").length === 3, "no JWT");
  });
  await run("create customer", async () => {
    const { customer } = await jwt.store.customer.create({ email, first_name: "Ada", last_name: "Lovelace" });
    check(customer.email === email && customer.id.startsWith("cus_"), JSON.stringify(customer));
    customerId = customer.id;
  });
  await run("login (jwt)", async () => {
    const token = await jwt.auth.login("customer", "emailpass", { email, password });
    check(typeof token === "string", `login answered ${JSON.stringify(token)}`);
  });
  await run("refresh (jwt)", async () => {
    const { token } = await jwt.auth.refresh();
    check(typeof token === "string", "no token");
  });
  await run("retrieve (jwt)", async () => {
    const { customer } = await jwt.store.customer.retrieve();
    check(customer.id === customerId && Array.isArray(customer.addresses), JSON.stringify(customer));
  });
  await run("update (jwt)", async () => {
    const { customer } = await jwt.store.customer.update({ first_name: "Augusta" });
    check(customer.first_name === "Augusta", JSON.stringify(customer));
  });
  await run("createAddress (jwt)", async () => {
    const { customer } = await jwt.store.customer.createAddress({
      address_name: "Home", first_name: "Ada", last_name: "Lovelace", address_1: "12 St James's Square",
      city: "London", country_code: "gb", postal_code: "SW1Y 4JH", is_default_shipping: true,
    });
    check(customer.addresses.length === 1 && customer.addresses[0].is_default_shipping, JSON.stringify(customer.addresses));
    addressId = customer.addresses[0].id;
  });
  await run("listAddress (jwt)", async () => {
    const { addresses, count, offset, limit } = await jwt.store.customer.listAddress({ limit: 10, offset: 0 });
    check(count === 1 && offset === 0 && limit === 10 && addresses[0].id === addressId, JSON.stringify({ count, offset, limit }));
  });
  await run("retrieveAddress (jwt)", async () => {
    const { address } = await jwt.store.customer.retrieveAddress(addressId);
    check(address.address_1 === "12 St James's Square", JSON.stringify(address));
  });
  await run("updateAddress (jwt)", async () => {
    const { customer } = await jwt.store.customer.updateAddress(addressId, { city: "Cambridge", is_default_billing: true });
    const address = customer.addresses.find((a) => a.id === addressId);
    check(address.city === "Cambridge" && address.is_default_billing, JSON.stringify(address));
  });
  await run("logout (jwt)", async () => {
    await jwt.auth.logout();
    await expectStatus(401, () => jwt.store.customer.retrieve());
  });

  const session = new Medusa({ baseUrl, publishableKey, auth: { type: "session" } });
  await run("login (session)", async () => {
    const token = await session.auth.login("customer", "emailpass", { email, password });
    check(typeof token === "string", `login answered ${JSON.stringify(token)}`);
    check(jar.size === 1, "no session cookie was set");
  });
  await run("retrieve (session)", async () => {
    const { customer } = await session.store.customer.retrieve();
    check(customer.id === customerId && customer.addresses.length === 1, JSON.stringify(customer));
  });
  await run("update (session)", async () => {
    const { customer } = await session.store.customer.update({ last_name: "King" });
    check(customer.last_name === "King", JSON.stringify(customer));
  });
  await run("refresh (session)", async () => {
    const before = [...jar.values()][0];
    const { token } = await session.auth.refresh();
    check(typeof token === "string", "no token");
    check([...jar.values()][0] !== before, "the session was not renewed");
    await session.store.customer.retrieve();
  });
  await run("deleteAddress (session)", async () => {
    const deleted = await session.store.customer.deleteAddress(addressId);
    check(deleted.id === addressId && deleted.object === "address" && deleted.deleted === true
      && deleted.parent.addresses.length === 0, JSON.stringify(deleted));
  });
  await run("logout (session)", async () => {
    await session.auth.logout();
    check(jar.size === 0, "the session cookie was not cleared");
    await expectStatus(401, () => session.store.customer.retrieve());
  });
}

main().then(
  () => console.log("ok all"),
  (e) => {
    console.log(`FAILED ${step}: ${e && e.message ? e.message : e}`);
    process.exit(1);
  },
);
