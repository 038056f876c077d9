// dist/config/types.js
const HOOK_NAMES = [
	"created",
	"pre-start",
	"post-start",
	"pre-stop",
	"pre-clean",
	"post-clone"
];
export { HOOK_NAMES as t };
