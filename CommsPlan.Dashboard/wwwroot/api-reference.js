// Loaded by the API reference page (Endpoints/Api/ApiReference.cs) before Scalar's bundle.
// Scalar validates with Zod, which probes `Function('')` to compile its validators; the app's
// Content-Security-Policy forbids eval, so the probe would be refused and reported as a violation.
// Zod's own setting for such pages: validate without compiling (same results, no eval).
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig ?? {}, { jitless: true });
