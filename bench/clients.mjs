// The contenders, each reduced to the two calls the benchmarks time: sendSms (POST)
// and getWhatsAppBusinessProfile (GET), each resolving to the parsed JSON body.
// Every contender sends the same method, path, headers and body, so only the
// library's own work differs. `fetchImpl` is the global fetch over HTTP, or the
// in-process stub. chirp-sdk is loaded from run.mjs's snapshot of dist/, which other
// builds in the shared tree cannot wipe mid-run; the generated client from the
// .bench-out/heyapi/ that run.mjs generates first (bench/heyapi.mjs).
import axios from "axios";
import ky from "ky";
import createClient from "openapi-fetch";
import {
  createConfig,
  createClient as createHeyApiClient,
  getWhatsAppBusinessProfile,
  sendSms,
} from "../.bench-out/heyapi/node.mjs";
import { Chirp } from "../.bench-out/pkg/dist/index.js";
import { createNodeFetch } from "../.bench-out/pkg/dist/node.js";
import { BASELINE_DIR, BASELINE_REV, hasBaseline } from "./baseline.mjs";

// The release the goals were filed against (bench/baseline.mjs), when run.mjs built it.
const baseline = hasBaseline()
  ? {
      Chirp: (await import(`${BASELINE_DIR}/dist/index.js`)).Chirp,
      createNodeFetch: (await import(`${BASELINE_DIR}/dist/node.js`)).createNodeFetch,
    }
  : undefined;
/** The name of the baseline contenders: chirp-sdk as the goals were filed. */
export const BASELINE = `chirp-sdk @ ${BASELINE_REV}`;

/** The key every contender sends. */
export const APP_KEY = "sk_test_app_bench0123456789";
/** The sendSms body. */
export const SMS = { from: "+15551234567", to: ["+15559876543"], text: "Your code is 123456" };
/** The phone number id of the GET. */
export const PHONE_ID = "wapn_bench";
const GET_PATH = `/v1/whatsapp/phone-numbers/${PHONE_ID}/business-profile`;
const HEADERS = { accept: "application/json", authorization: `Bearer ${APP_KEY}` };
const POST_HEADERS = { ...HEADERS, "content-type": "application/json" };

/** @typedef {{ get: () => Promise<unknown>, post: () => Promise<unknown> }} Contender */

/** The floor: fetch + res.json(), written by hand. @returns {Contender} */
function rawFetch(baseUrl, fetchImpl) {
  const getUrl = baseUrl + GET_PATH;
  const postUrl = `${baseUrl}/v1/sms`;
  return {
    get: () => fetchImpl(getUrl, { headers: HEADERS }).then((r) => r.json()),
    post: () =>
      fetchImpl(postUrl, { method: "POST", headers: POST_HEADERS, body: JSON.stringify(SMS) }).then((r) => r.json()),
  };
}

/**
 * The floor for any client with per-attempt timeouts that cancel the request: raw
 * fetch plus an AbortController and a timer per call, as chirp-sdk and ky need.
 * @returns {Contender}
 */
function rawFetchWithTimeout(baseUrl, fetchImpl) {
  const getUrl = baseUrl + GET_PATH;
  const postUrl = `${baseUrl}/v1/sms`;
  const timed = (url, init) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 30_000);
    return fetchImpl(url, { ...init, signal: controller.signal })
      .then((r) => r.json())
      .finally(() => clearTimeout(timer));
  };
  return {
    get: () => timed(getUrl, { headers: HEADERS }),
    post: () => timed(postUrl, { method: "POST", headers: POST_HEADERS, body: JSON.stringify(SMS) }),
  };
}

function openapiFetch(baseUrl, fetchImpl) {
  const client = createClient({ baseUrl, headers: { authorization: HEADERS.authorization }, fetch: fetchImpl });
  const getParams = { params: { path: { phoneNumberId: PHONE_ID } } };
  return {
    get: () => client.GET("/v1/whatsapp/phone-numbers/{phoneNumberId}/business-profile", getParams).then((r) => r.data),
    post: () => client.POST("/v1/sms", { body: SMS }).then((r) => r.data),
  };
}

function kyClient(baseUrl, fetchImpl) {
  const api = ky.create({ baseUrl, headers: { authorization: HEADERS.authorization }, fetch: fetchImpl });
  return {
    get: () => api.get(GET_PATH.slice(1)).json(),
    post: () => api.post("v1/sms", { json: SMS }).json(),
  };
}

function axiosClient(baseUrl) {
  const api = axios.create({ baseURL: baseUrl, headers: { authorization: HEADERS.authorization } });
  return {
    get: () => api.get(GET_PATH).then((r) => r.data),
    post: () => api.post("/v1/sms", SMS).then((r) => r.data),
  };
}

// A client of its own passed to each call rather than setConfig on the generated
// module-level one, so that nothing is shared between contenders of a process. With
// the default responseStyle ("fields") a call resolves to { data, error, ... }, as
// openapi-fetch's does.
function heyApi(baseUrl, fetchImpl) {
  const client = createHeyApiClient(
    createConfig({ baseUrl, auth: APP_KEY, headers: { accept: HEADERS.accept }, fetch: fetchImpl }),
  );
  const getParams = { client, path: { phoneNumberId: PHONE_ID } };
  const postParams = { client, body: SMS };
  return {
    get: () => getWhatsAppBusinessProfile(getParams).then((r) => r.data),
    post: () => sendSms(postParams).then((r) => r.data),
  };
}

function chirp(baseUrl, fetchImpl, Client = Chirp) {
  const client = new Client({ appKey: APP_KEY, baseUrl, fetch: fetchImpl });
  const getParams = { path: { phoneNumberId: PHONE_ID } };
  const postParams = { body: SMS };
  return {
    get: () => client.getWhatsAppBusinessProfile(getParams),
    post: () => client.sendSms(postParams),
  };
}

/** Contenders over HTTP, raw fetch first (the ratio's denominator). */
export const httpContenders = {
  "raw fetch": (baseUrl) => rawFetch(baseUrl, fetch),
  "raw fetch + AbortController + timer": (baseUrl) => rawFetchWithTimeout(baseUrl, fetch),
  "openapi-fetch": (baseUrl) => openapiFetch(baseUrl, fetch),
  "generated (hey-api)": (baseUrl) => heyApi(baseUrl, fetch),
  ky: (baseUrl) => kyClient(baseUrl, fetch),
  axios: (baseUrl) => axiosClient(baseUrl),
  "chirp-sdk": (baseUrl) => chirp(baseUrl, undefined),
  "chirp-sdk + node transport": (baseUrl) => chirp(baseUrl, createNodeFetch()),
  ...(baseline && {
    [`${BASELINE} + node transport`]: (baseUrl) => chirp(baseUrl, baseline.createNodeFetch(), baseline.Chirp),
  }),
};

/** Contenders in process over a stub fetch, the stub called directly first. */
export const stubContenders = {
  "stub directly": (baseUrl, stub) => rawFetch(baseUrl, stub),
  "stub + AbortController + timer": (baseUrl, stub) => rawFetchWithTimeout(baseUrl, stub),
  "openapi-fetch": (baseUrl, stub) => openapiFetch(baseUrl, stub),
  "generated (hey-api)": (baseUrl, stub) => heyApi(baseUrl, stub),
  ky: (baseUrl, stub) => kyClient(baseUrl, stub),
  "chirp-sdk": (baseUrl, stub) => chirp(baseUrl, stub),
  ...(baseline && { [BASELINE]: (baseUrl, stub) => chirp(baseUrl, stub, baseline.Chirp) }),
};
