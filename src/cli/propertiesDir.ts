import { fileURLToPath } from "node:url";

/**
 * The repository's claim files, `properties/<ID>.ts` (compiled: `dist/properties/<ID>.js`,
 * beside dist/src/): the directory the CLI hands to loadCatalogue (src/claims/catalogue.ts)
 * unless --properties-dir or UBIAS_PROPERTIES_DIR names another. Defined here, not in
 * src/claims, which never refers to properties/.
 */
export const PROPERTIES_DIR = fileURLToPath(new URL("../../properties/", import.meta.url));
