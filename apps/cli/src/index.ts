export { main, describeError } from './main.js';
export { openLocalGitHost, SYNC_TRAILER, MAX_FILE_BYTES, type LocalGitHost, type LocalPullRequest } from './git/local-git-host.js';
export { openRepository, CONFIG_PATH, type Repository } from './repository.js';
export { toolResources, chooseLanguage } from './i18n-setup.js';
