import { describe, expect, it } from 'vitest';
import { addedRepositories } from './onboarding-job.js';

describe('addedRepositories', () => {
  it('the repositories an installation or an installation_repositories event adds, and no others', () => {
    const repos = [{ full_name: 'acme/docs' }, { full_name: 'acme/site' }];
    expect(addedRepositories('installation', { action: 'created', repositories: repos })).toEqual([
      { owner: 'acme', repo: 'docs' },
      { owner: 'acme', repo: 'site' },
    ]);
    expect(addedRepositories('installation', { action: 'deleted', repositories: repos })).toEqual([]);
    expect(addedRepositories('installation_repositories', { action: 'added', repositories_added: [repos[0]], repositories_removed: [repos[1]] })).toEqual([{ owner: 'acme', repo: 'docs' }]);
    expect(addedRepositories('installation_repositories', { action: 'removed', repositories_removed: repos })).toEqual([]);
    // A malformed name is not a repository.
    expect(addedRepositories('installation', { action: 'created', repositories: [{ full_name: 'acme' }, { full_name: 'a/b/c' }, {}] })).toEqual([]);
  });
});
