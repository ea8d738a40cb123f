// RFC 9110 §5.6.2: a header (field) or cookie name is a token. Anything else (" X-Secret",
// "X-Secret\n", "a b") is not a name a request can carry. One pattern for the request
// builder's header and cookie parameters and for the webhook handler's secret header.

/** An HTTP token: what a header or cookie name may be made of. */
export const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
