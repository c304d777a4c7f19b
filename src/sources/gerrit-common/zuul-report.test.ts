// Job lines and headlines as they occur in the real operations/mediawiki-config NoteDB
// history (2012–2019), one case per variant.
import { describe, expect, it } from 'vitest';
import { parseCiReport, parseJobDuration, parseJobLine, reportBuildId } from './zuul-report.ts';

describe('parseJobLine', () => {
  it('reads job, URL, result and duration in every real form', () => {
    const cases: [string, Partial<NonNullable<ReturnType<typeof parseJobLine>>>][] = [
      ['- tox-docker https://integration.wikimedia.org/ci/job/tox-docker/3030/console : FAILURE in 26s',
        { job: 'tox-docker', buildNumber: 3030, result: 'failure', durationS: 26, voting: true }],
      ['- operations-mw-config-composer-test-docker https://integration.wikimedia.org/ci/job/operations-mw-config-composer-test-docker/5109/console : SUCCESS in 1m 16s',
        { job: 'operations-mw-config-composer-test-docker', result: 'success', durationS: 76 }],
      ['- https://integration.wikimedia.org/ci/job/operations-mw-config-phplint/3665/console : SUCCESS in 00:00:05',
        { job: 'operations-mw-config-phplint', buildNumber: 3665, result: 'success', durationS: 5 }],
      ['- http://integration.mediawiki.org/ci/job/operations-mw-config-phplint/12/console : FAILURE',
        { job: 'operations-mw-config-phplint', result: 'failure', durationS: null }],
      ['- mwext-php72 https://integration.wikimedia.org/ci/job/mwext-php72/7/console : ABORTED in 1h 2m 3s',
        { result: 'aborted', durationS: 3723 }],
      ['- php72-phan https://integration.wikimedia.org/ci/job/php72-phan/9/console : FAILURE in 40s (non-voting)',
        { result: 'failure', voting: false, durationS: 40 }],
      ['- beta-mediawiki-config-update-eqiad https://integration.wikimedia.org/ci/job/beta-mediawiki-config-update-eqiad/15322/console : SUCCESS Change has been deployed on the EQIAD beta cluster in 2s',
        { job: 'beta-mediawiki-config-update-eqiad', result: 'success', durationS: 2 }],
      ['- https://integration.wikimedia.org/ci/job/beta-mediawiki-config-update-eqiad/99/console : Change has been deployed on the beta cluster in 1m 3s',
        { result: 'success', durationS: 63 }],
      ['- https://integration.wikimedia.org/ci/job/beta-mediawiki-config-update-eqiad/98/console : Failed deployment on the beta cluster :-/  Please contact a member of the beta project to fixup the working directory on the destination server. in 26s',
        { result: 'failure', durationS: 26 }],
      ['- https://integration.wikimedia.org/ci/job/operations-mw-config-tests/None/console : SKIPPED',
        { job: 'operations-mw-config-tests', buildNumber: null, result: 'skipped' }],
      ['- operations-mw-config-phplint : LOST', { job: 'operations-mw-config-phplint', url: null, result: 'lost' }],
      ['- mediawiki-core-jsduck https://integration.wikimedia.org/ci/job/mediawiki-core-jsduck/1/console : NOT_REGISTERED (non-voting)',
        { result: 'not_registered', voting: false }],
      ['- x https://integration.wikimedia.org/ci/job/x/2/console : EXCEPTION', { result: 'exception' }],
    ];
    for (const [line, want] of cases) expect(parseJobLine(line), line).toMatchObject(want);
  });

  it('ignores comment lines that only look like list items', () => {
    expect(parseJobLine('- this can be merged now')).toBeNull();
    expect(parseJobLine('- what about writes?')).toBeNull();
    expect(parseJobLine('- see https://phabricator.wikimedia.org/T1 : maybe later')).toBeNull();
  });

  it('parses durations and build ids', () => {
    expect(parseJobDuration('SUCCESS in 11m 40s')).toEqual({ rest: 'SUCCESS', seconds: 700 });
    expect(parseJobDuration('SUCCESS')).toEqual({ rest: 'SUCCESS', seconds: null });
    expect(reportBuildId('https://integration.wikimedia.org/ci/job/tox-docker/3030/console')).toBe('integration.wikimedia.org/ci/job/tox-docker/3030');
    expect(reportBuildId('https://integration.wikimedia.org/ci/job/tox/None/console')).toBeNull();
  });
});

describe('parseCiReport', () => {
  it('maps headlines to pipelines', () => {
    const pipe = (head: string) => parseCiReport(`Patch Set 1: Verified+2\n\n${head}\n\n- j https://h/ci/job/j/1/console : SUCCESS in 2s`)?.pipeline;
    expect(pipe('Main test build succeeded.')).toBe('test');
    expect(pipe('Main test build failed.')).toBe('test');
    expect(pipe('Gate pipeline build failed.')).toBe('gate-and-submit');
    expect(pipe('Post-merge build succeeded.')).toBe('postmerge');
    expect(pipe('postmerge build succeeded.')).toBe('postmerge');
    expect(pipe('Experimental build succeeded.')).toBe('experimental');
    expect(pipe('Basic test build failed.')).toBe('check');
    expect(pipe('Build succeeded.')).toBeNull();
  });

  it('knows headlines without job lines and skips human comments', () => {
    expect(parseCiReport('Patch Set 1: -Verified\n\nStarting gate-and-submit jobs.\nhttps://integration.wikimedia.org/zuul/'))
      .toEqual({ headline: 'Starting gate-and-submit jobs.', pipeline: 'gate-and-submit', jobs: [] });
    expect(parseCiReport('Patch Set 2: Verified-1\n\nMerge Failed.\n\nThis change or one of its cross-repo dependencies was unable to be automatically merged')?.pipeline)
      .toBe('gate-and-submit');
    expect(parseCiReport('Patch Set 3: Code-Review+1\n\nLGTM\n\n- this can be merged now')).toBeNull();
  });
});
