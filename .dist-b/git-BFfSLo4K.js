import { t as run } from "./process-BwP0Ys-i.js";
import path from "node:path";
// dist/adapters/git.js
/** `git worktree list --porcelain` → each worktree's branch and commit. */
function parseWorktreeList(text) {
	const out = {};
	for (const block of text.split(/\n\s*\n/)) {
		const lines = block.split("\n");
		const wt = lines.find((l) => l.startsWith("worktree "))?.slice(9);
		if (!wt) continue;
		const ref = lines.find((l) => l.startsWith("branch "))?.slice(7);
		out[wt] = {
			branch: ref ? ref.replace(/^refs\/heads\//, "") : null,
			commit: lines.find((l) => l.startsWith("HEAD "))?.slice(5) ?? ""
		};
	}
	return out;
}
async function git(cwd, args) {
	try {
		const r = await run("git", args, {
			cwd,
			timeoutMs: 1e4
		});
		return r.code === 0 ? r.stdout.trim() : void 0;
	} catch {
		return;
	}
}
/** undefined outside a git repository (no leases there). */
async function gitInfo(cwd) {
	const top = await git(cwd, [
		"rev-parse",
		"--show-toplevel",
		"--git-common-dir"
	]);
	if (!top) return void 0;
	const [worktree, common] = top.split("\n");
	if (!worktree || !common) return void 0;
	const [branch, commit, list] = await Promise.all([
		git(cwd, [
			"symbolic-ref",
			"-q",
			"--short",
			"HEAD"
		]),
		git(cwd, ["rev-parse", "HEAD"]),
		git(cwd, [
			"worktree",
			"list",
			"--porcelain"
		])
	]);
	const worktrees = (list ?? "").split("\n").filter((l) => l.startsWith("worktree ")).map((l) => l.slice(9));
	return {
		worktree,
		commonDir: path.resolve(cwd, common),
		branch: branch || null,
		commit: commit ?? "unknown",
		worktrees,
		heads: parseWorktreeList(list ?? "")
	};
}
export { gitInfo as t };
