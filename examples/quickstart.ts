// The README's quickstart as a walkthrough: SMS, WhatsApp text and template, a
// business profile, the embedded-signup callback, paging, and one mapped error
// with the provider's own details.
// `npm run demo` runs it against the embedded Prism mock (no key, no network);
// with CHIRP_APP_KEY / CHIRP_ADMIN_KEY / CHIRP_BASE_URL set it runs against a real account.
import { Chirp, ChirpApiError, MessageUndeliverableError } from "chirp-sdk";
import { mockAnswer } from "chirp-sdk/testing";

const from = "+15551234567";
const to = "+15559876543";
const step = (title: string) => console.log(`\n▸ ${title}`);
const show = (label: string, value: unknown) => console.log(`  ${label.padEnd(16)} ${String(value)}`);

// Keys and base URL come from CHIRP_APP_KEY, CHIRP_ADMIN_KEY and CHIRP_BASE_URL.
const chirp = new Chirp();
console.log(`Chirp SDK walkthrough against ${chirp.baseUrl}${chirp.isTestMode ? " (test mode)" : ""}`);

step("Send an SMS");
const sms = await chirp.sendSms({ body: { from, to: [to], text: "Your code is 123456" } });
show("id", sms.id);
show("status", sms.status);

step("Send a WhatsApp text");
const text = await chirp.sendWhatsAppMessage({
  body: { from, to, type: "text", text: { body: "Your order has shipped" } },
});
show("id", text.id);
show("status", text.status);

step("Send a WhatsApp template");
const template = await chirp.sendWhatsAppTemplate({
  body: { from, to, templateName: "order_shipped", languageCode: "en_US", variables: { order_id: "12345" } },
});
show("id", template.id);
show("WhatsApp id", template.messages?.[0]?.id);

step("Read a WhatsApp business profile");
const profile = await chirp.getWhatsAppBusinessProfile({ path: { phoneNumberId: "wapn_2DbBs7GWhGvVNJGrDXr5RG0mBWI" } });
show("business name", profile.businessName);

step("Complete the embedded-signup callback (admin key)");
const signedUp = await chirp.completeWhatsAppBusinessProfileCallback({ body: { code: "AQBx-code-from-FB.login" } });
show("profile id", signedUp.id);
show("business name", signedUp.businessName);
show("phone numbers", signedUp.phoneNumbers.length);

step("Page through the organization's SMS messages (admin key)");
let shown = 0;
for await (const message of chirp.paginate("listOrganizationSmsMessages", { query: { limit: "1" } })) {
  show(`message ${++shown}`, `${message.id} ${message.direction} ${message.recipients?.[0]?.status ?? ""}`);
  // Against the mock: two pages (the second one is the last); a real account pages until nextCursor is null.
  if (!process.env.CHIRP_DEMO_MOCK && shown === 5) break;
}

step("An SMS the carrier rejects");
try {
  await chirp.sendSms({
    body: { from, to: [to], text: "Your code is 123456" },
    // Asks the mock for the spec's documented Telnyx rejection; a real API answers it by itself.
    headers: process.env.CHIRP_DEMO_MOCK
      ? mockAnswer("sendSms", { status: 402, example: "message_undeliverable" })
      : {},
  });
  console.log("  sent (the carrier accepted it)");
} catch (error) {
  if (!(error instanceof ChirpApiError)) throw error;
  show("caught", error.name);
  show("status", error.status);
  show("type / code", `${error.type} / ${error.code}`);
  show("message", error.message);
  if (!(error instanceof MessageUndeliverableError)) throw error;
  show("provider", `${error.provider?.source} ${error.provider?.code}: ${error.provider?.message}`);
  show("docs", error.docUrl);
  console.log("  → check the number, or reach this recipient on another channel.");
}

console.log("\nDone.");
