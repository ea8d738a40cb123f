// The HTTP server of the benchmarks, run in its own process (pinned to its own core
// by run.mjs): canned answers for sendSms and getWhatsAppBusinessProfile, and cursor
// pages of listOrganizationSmsMessages for the pagination run. Keep-alive, loopback,
// port 0; prints {"port": N} once listening.
import { createServer } from "node:http";

const TOTAL = Number(process.env.BENCH_LIST_TOTAL ?? 1_000_000);
const SMS = JSON.stringify({
  id: "msg_sms_01JBENCH",
  status: "QUEUED",
  from: "+15551234567",
  to: ["+15559876543"],
  createdAt: "2025-01-01T00:00:00.000Z",
});
const PROFILE = JSON.stringify({
  about: "We answer within the hour",
  address: "1 Main St",
  description: "Bench profile",
  email: "hello@example.com",
  businessName: "Bench Co",
  websites: ["https://example.com"],
  vertical: "RETAIL",
});

function page(url) {
  const limit = Math.min(Number(url.searchParams.get("limit") ?? 1000), 1000);
  const start = Number(url.searchParams.get("cursor") ?? 0);
  const end = Math.min(start + limit, TOTAL);
  const messages = [];
  for (let i = start; i < end; i++) {
    messages.push({ id: `msg_sms_${i}`, status: "DELIVERED", text: "x".repeat(40), createdAt: "2025-01-01" });
  }
  return JSON.stringify({ messages, nextCursor: end < TOTAL ? String(end) : null });
}

const server = createServer((req, res) => {
  // The body is read (as a real API would) and dropped.
  req.resume();
  req.on("end", () => {
    let body;
    if (req.method === "POST" && req.url === "/v1/sms") body = SMS;
    else if (req.method === "GET" && req.url.endsWith("/business-profile")) body = PROFILE;
    else if (req.method === "GET" && req.url.startsWith("/v1/organization/sms/messages")) {
      body = page(new URL(req.url, "http://x"));
    } else {
      res.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found"}');
      return;
    }
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
  });
});
// Longer than any idle gap in a run, so no contender pays for reconnecting.
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.on("SIGTERM", () => process.exit(0));
