import fc from "fast-check";

// Every fast-check property in the unit tests runs from the suite seed (UBIAS_SEED), so a
// failure reproduces with the printed seed. Importing fast-check here (not
// @fast-check/vitest) keeps the setup cheap: the global seed still reaches test.prop.
fc.configureGlobal({ seed: Number(process.env.UBIAS_SEED ?? 20240527), numRuns: 50 });
