import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { emailToText, loadSpam, readSpamCorpus, SPAM_PACKAGE } from '../../src/node/spam.js';

function installed(): boolean {
  try {
    createRequire(import.meta.url).resolve(SPAM_PACKAGE);
    return true;
  } catch {
    return false;
  }
}

const count = (a: Int32Array, v: number) => a.reduce((s, x) => s + (x === v ? 1 : 0), 0);

describe('emailToText', () => {
  it('keeps the subject and body and drops the headers', () => {
    const raw = [
      'From someone@example.com  Thu Aug 22 13:17:22 2002',
      'Received: from relay.example.com',
      '\tby mx.example.org with SMTP',
      'Subject: Cheap',
      '  watches',
      'Content-Type: text/plain',
      '',
      'Body line one.',
      'Received: is only a header at the top',
    ].join('\n');
    expect(emailToText(raw)).toBe('Cheap watches\n\nBody line one.\nReceived: is only a header at the top');
  });

  it('walks multiparts, decodes quoted-printable, base64, HTML and encoded subjects, drops attachments', () => {
    const raw = [
      'Subject: =?iso-8859-1?Q?Caf=E9_offer?=',
      'Content-Type: multipart/mixed; boundary="XX"',
      '',
      'preamble is not text',
      '--XX',
      'Content-Type: text/plain; charset="iso-8859-1"',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Price: 5=24 per caf=E9, a soft=',
      'break.',
      '--XX',
      'Content-Type: text/html; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('<html><style>p{}</style><p>Click&nbsp;<b>here</b> &amp; win</p></html>').toString('base64'),
      '--XX',
      'Content-Type: application/octet-stream',
      'Content-Transfer-Encoding: base64',
      '',
      'AAECAwQ=',
      '--XX--',
      'epilogue',
    ].join('\n');
    const text = emailToText(raw);
    expect(text.startsWith('Café offer\n\n')).toBe(true);
    expect(text).toContain('Price: 5$ per café, a softbreak.');
    expect(text.replace(/\s+/g, ' ')).toContain('Click here & win');
    expect(text).not.toMatch(/preamble|epilogue|Content-Type|AAECAwQ|style|p\{\}/);
  });

  it('reads MIME parts that lack a top-level Content-Type', () => {
    const raw = ['Subject: s', '', '--B', 'Content-Type: text/plain', '', 'hello', '--B--'].join('\n');
    expect(emailToText(raw)).toBe('s\n\nhello');
  });
});

describe('readSpamCorpus', () => {
  it('tells the user how to install a missing package', () => {
    expect(() => readSpamCorpus('@stdlib/no-such-dataset-package')).toThrow(
      /npm install @stdlib\/no-such-dataset-package/,
    );
  });
});

describe.skipIf(!installed())('SpamAssassin corpus', () => {
  it('has 6046 e-mails: 4150 ham and 1896 spam, cleaned of headers', () => {
    const emails = readSpamCorpus();
    expect(emails.length).toBe(6046);
    expect(emails.filter((e) => e.label === 0).length).toBe(4150);
    expect(emails.filter((e) => e.label === 1).length).toBe(1896);
    expect(emails.every((e) => e.label === (e.source.startsWith('spam') ? 1 : 0))).toBe(true);
    // Routing headers must not reach the classifier; a handful of messages quote them in the body.
    const leaked = emails.filter((e) => /^(Return-Path|Delivered-To|Message-Id):/im.test(e.text)).length;
    expect(leaked).toBeLessThan(30);
    expect(emails[0].text.startsWith('Re: New Sequences Window')).toBe(true);
    expect(readSpamCorpus()).toBe(emails); // cached within the process
  });

  it('splits stratified: 25% of each class in the test set by default', () => {
    const { train, test } = loadSpam({ seed: 1 });
    expect(test.texts.length).toBe(1038 + 474);
    expect(train.texts.length).toBe(6046 - 1512);
    expect(count(test.labels, 1)).toBe(474);
    expect(count(test.labels, 0)).toBe(1038);
    expect(count(train.labels, 1)).toBe(1896 - 474);
    expect(train.labels.length).toBe(train.texts.length);
    const all = new Set([...train.sources, ...test.sources]);
    expect(all.size).toBe(6046); // disjoint and complete
    // shuffled, not grouped by class
    expect(count(test.labels.subarray(0, 200), 1)).toBeGreaterThan(20);
  });

  it('honours testFraction and rejects bad values', () => {
    const { train, test } = loadSpam({ seed: 1, testFraction: 0.1 });
    expect(test.texts.length).toBe(415 + 190);
    expect(train.texts.length + test.texts.length).toBe(6046);
    expect(() => loadSpam({ seed: 1, testFraction: 1 })).toThrow(/strictly between 0 and 1/);
  });

  it('is deterministic by seed; another seed gives another split', () => {
    const a = loadSpam({ seed: 3 });
    const b = loadSpam({ seed: 3 });
    expect(b.test.sources).toEqual(a.test.sources);
    expect(b.train.labels).toEqual(a.train.labels);
    const c = loadSpam({ seed: 4 });
    expect(c.test.sources).not.toEqual(a.test.sources);
    expect(new Set(c.test.sources)).not.toEqual(new Set(a.test.sources));
  });
});
