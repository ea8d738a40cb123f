// The sandbox's virtual clock: tasks run in time order (ties in scheduling order), only
// when the test moves the clock, and a task that reschedules itself forever is reported.
import { describe, expect, it } from "vitest";
import { SETTLE_LIMIT, VirtualClock } from "../../src/testing/sandbox/clock.js";

describe("VirtualClock", () => {
  it("runs tasks in time order, ties in the order they were scheduled, each at its own time", async () => {
    const clock = new VirtualClock(1_000);
    const ran: string[] = [];
    const note = (name: string) => () => void ran.push(`${name}@${clock.now()}`);
    for (const [delay, name] of [
      [300, "c"],
      [100, "a"],
      [200, "b1"],
      [200, "b2"],
      [0, "now"],
      [250, "x"],
      [50, "y"],
    ] as const)
      clock.schedule(delay, note(name));
    await clock.advance(200);
    expect(ran).toEqual(["now@1000", "y@1050", "a@1100", "b1@1200", "b2@1200"]);
    expect(clock.now()).toBe(1_200);
    await clock.settle();
    expect(ran.slice(5)).toEqual(["x@1250", "c@1300"]);
    expect(clock.pending).toBe(0);
  });

  it("a task scheduled by a task runs in the same advance when it falls due", async () => {
    const clock = new VirtualClock(0);
    const ran: number[] = [];
    clock.schedule(10, () => clock.schedule(10, () => void ran.push(clock.now())));
    await clock.advance(19);
    expect(ran).toEqual([]);
    await clock.advance(1);
    expect(ran).toEqual([20]);
  });

  it("sorts many tasks correctly (the heap)", async () => {
    const clock = new VirtualClock(0);
    const ran: number[] = [];
    const delays = Array.from({ length: 500 }, (_, i) => (i * 7919) % 1000);
    for (const d of delays) clock.schedule(d, () => void ran.push(clock.now()));
    await clock.settle();
    expect(ran).toEqual([...delays].sort((a, b) => a - b));
  });

  it("reports a task that keeps rescheduling itself instead of spinning forever", async () => {
    const clock = new VirtualClock(0);
    const again = () => clock.schedule(1, again);
    again();
    await expect(clock.settle()).rejects.toThrow(`still busy after ${SETTLE_LIMIT} tasks`);
  });

  it("refuses to move backwards", async () => {
    await expect(new VirtualClock(0).advance(-1)).rejects.toThrow(RangeError);
  });
});
