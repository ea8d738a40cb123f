import { MemoryRateLimitStore } from "../../src/index.js";
import { storeContract } from "./store-contract.js";

storeContract("MemoryRateLimitStore", () => new MemoryRateLimitStore());
