// dist/plan/secrets.js
/** DESIGN §8: values of secret-looking keys are masked unless --show-secrets. */
const SECRET_KEY = /SECRET|TOKEN|PASSWORD|PASSWD|KEY|CREDENTIAL/i;
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)([^@/\s]+)(@)/gi;
const MASK = "********";
function isSecretKey(key) {
	return SECRET_KEY.test(key);
}
/** Mask a value for display: the whole value under a secret key, a URL's password anywhere. */
function maskValue(key, value) {
	if (isSecretKey(key) && value !== "") return MASK;
	return value.replace(URL_PASSWORD, `$1${MASK}$3`);
}
function maskEnv(env, show) {
	if (show) return { ...env };
	const out = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, maskValue(k, v)]));
	if (FINGERPRINT_KEY in env && Object.keys(env).some((k) => out[k] !== env[k])) out[FINGERPRINT_KEY] = MASK;
	return out;
}
/** pm2-options.ts FINGERPRINT: the plan an app runs, hashed into its environment. */
const FINGERPRINT_KEY = "DEVSLOT_FINGERPRINT";
/** Mask every occurrence of a known credential (a generated resource password) whatever the key. */
function maskKnown(value, secrets) {
	let out = value;
	for (const s of secrets) if (s.length >= 8) out = out.split(s).join(MASK);
	return out;
}
export { maskValue as i, maskEnv as n, maskKnown as r, MASK as t };
