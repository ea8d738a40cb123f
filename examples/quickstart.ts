// The README's quickstart as a walkthrough: SMS, WhatsApp text and template, a
// business profile, the embedded-signup callback, paging, and one mapped error.
// `npm run demo` runs it against the embedded Prism mock (no key, no network);
// with CHIRP_APP_KEY / CHIRP_ADMIN_KEY / CHIRP_BASE_URL set it runs against a real account.
import { Chirp, ChirpApiError, TemplateNotFoundError } from "chirp-sdk";

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
  // The mock's static examples hand back the same page and nextCursor every time
  // (paginate would stop that loop with a ChirpError); a real account pages on
  // until nextCursor is null. Two pages show the paging.
  if (shown === 2) break;
}

step("A template that does not exist");
try {
  await chirp.sendWhatsAppTemplate({
    body: { from, to, templateName: "no_such_template", languageCode: "en_US" },
    // Asks the demo's mock for the documented 404 body; a real API answers it by itself.
    headers: process.env.CHIRP_DEMO_MOCK ? { prefer: "code=404, example=template_not_found" } : {},
  });
  console.log("  unexpectedly sent");
} catch (error) {
  if (!(error instanceof ChirpApiError)) throw error;
  show("caught", error.name);
  show("status", error.status);
  show("type / code", `${error.type} / ${error.code}`);
  show("message", error.message);
  if (!(error instanceof TemplateNotFoundError)) throw error;
  show("param", error.param);
  show("docs", error.docUrl);
  console.log("  → send a different template, or create and approve this one first.");
}

console.log("\nDone.");
