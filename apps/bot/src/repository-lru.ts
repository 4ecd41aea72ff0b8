/**
 * An in-process memory of facts about repositories that never change (what a blob id or
 * a commit sha names), bounded twice: least recently used repositories are forgotten
 * first, and within a repository its least recently used entries.
 */
export interface RepositoryLru<V> {
  get(repository: string, key: string): V | undefined;
  set(repository: string, key: string, value: V): void;
}

export interface RepositoryLruLimits {
  /** Repositories remembered. */
  repositories: number;
  /** Entries remembered per repository. */
  entriesPerRepository: number;
}

export function createRepositoryLru<V>(limits: RepositoryLruLimits): RepositoryLru<V> {
  // A Map iterates in insertion order: re-inserting on use keeps the least recent first.
  const repositories = new Map<string, Map<string, V>>();

  function entriesOf(repository: string, create: boolean): Map<string, V> | undefined {
    let entries = repositories.get(repository);
    if (entries) repositories.delete(repository);
    else if (create) entries = new Map();
    if (!entries) return undefined;
    repositories.set(repository, entries);
    for (const oldest of repositories.keys()) {
      if (repositories.size <= limits.repositories) break;
      repositories.delete(oldest);
    }
    return entries;
  }

  return {
    get(repository, key) {
      const entries = entriesOf(repository, false);
      const value = entries?.get(key);
      if (value !== undefined) {
        entries!.delete(key);
        entries!.set(key, value);
      }
      return value;
    },
    set(repository, key, value) {
      const entries = entriesOf(repository, true)!;
      entries.delete(key);
      entries.set(key, value);
      for (const oldest of entries.keys()) {
        if (entries.size <= limits.entriesPerRepository) break;
        entries.delete(oldest);
      }
    },
  };
}
