// The files and folders of an extension or skin repository whose history the extensions
// source reads, and what each says: a file whose content is read (manifest, composer,
// package, ESLint config) or a path whose presence alone is the fact (lint configs, test
// folders, lock file). Pure data, shared by collect (which paths to keep) and normalize.

/** Files read for their content (old and new version of every commit that changes them). */
export const CONTENT_FILES = [
  'extension.json', 'skin.json', 'composer.json', 'package.json',
  '.eslintrc.json', '.eslintrc.js', '.eslintrc.yml', '.eslintrc.yaml', '.eslintrc',
] as const;

/** Paths (files or folders) whose presence is a fact. */
export const PRESENCE: Record<string, readonly string[]> = {
  'file.phpcs_xml': ['.phpcs.xml', 'phpcs.xml'],
  'file.phan': ['.phan', '.phan/config.php'],
  'file.eslintrc': ['.eslintrc.json', '.eslintrc.js', '.eslintrc.yml', '.eslintrc.yaml', '.eslintrc', 'eslint.config.js', 'eslint.config.mjs'],
  'file.stylelintrc': ['.stylelintrc.json', '.stylelintrc', '.stylelintrc.js', '.stylelintrc.yml', 'stylelint.config.js'],
  'file.gruntfile': ['Gruntfile.js'],
  'file.code_of_conduct': ['CODE_OF_CONDUCT.md'],
  'file.package_lock': ['package-lock.json'],
  'tests.phpunit': ['tests/phpunit'],
  'tests.qunit': ['tests/qunit'],
  'tests.selenium': ['tests/selenium'],
  'tests.cypress': ['cypress', 'tests/cypress'],
  'tests.api_testing': ['tests/api-testing'],
};

/** The legacy entry point of an extension or skin before registration: `<Name>.php` at the root. */
export function legacyEntry(repo: string): string {
  return `${repo.split('/').pop() ?? repo}.php`;
}

/** Every watched path of a repository (its legacy entry point included). */
export function watchedPaths(repo: string): Set<string> {
  return new Set<string>([...CONTENT_FILES, ...Object.values(PRESENCE).flat(), legacyEntry(repo)]);
}

/** Whether a changed path is worth reading: watched exactly (files, and folders via `git log -t`). */
export function isWatched(path: string, watched: Set<string>): boolean {
  return watched.has(path);
}

export const CONTENT = new Set<string>(CONTENT_FILES);
