import { describe, expect, it } from 'vitest';
import { parseWorktreeList } from '../../scripts/adapters/git.js';

describe('git worktree list --porcelain', () => {
  it('gives each worktree its branch, or null and its commit when detached', () => {
    const text = 'worktree /r/main\nHEAD 1111111111111111111111111111111111111111\nbranch refs/heads/main\n\nworktree /r/wt a\nHEAD 2222222222222222222222222222222222222222\nbranch refs/heads/feat/x\n\nworktree /r/det\nHEAD 3333333333333333333333333333333333333333\ndetached\n\n';
    expect(parseWorktreeList(text)).toEqual({
      '/r/main': { branch: 'main', commit: '1'.repeat(40) },
      '/r/wt a': { branch: 'feat/x', commit: '2'.repeat(40) },
      '/r/det': { branch: null, commit: '3'.repeat(40) },
    });
    expect(parseWorktreeList('')).toEqual({});
  });
});
