import { describe, expect, it } from 'vitest';
import { convert15To18, makeIdNumber } from '../../../shared/identity/index.js';
import {
  checkRow,
  excelSerialDate,
  matchHeaders,
  normalizeHeader,
  normalizeName,
  parseDateCell,
  parseEducation,
  parseYesNo,
  type CellValue,
} from './import-rows.js';

const VILLAGE = '211382101200'; // 佐杖子村, 万元店镇
const TOWNSHIP = '211382101';
const WITHDRAWN = '211382001008'; // 莫胡店社区, 2020-06-30 to 2021-10-31
const HEADERS = [
  '姓名',
  '公民身份号码',
  '常住地行政区划代码',
  '联系电话',
  '户籍地行政区划代码',
  '文化程度',
  '毕业离校日期',
  '是否残疾',
];
const opts = { asOf: '2024-06-30', scope: '211382' };
const ID = makeIdNumber('211382', '1998-03-04', 12, 'female');

function columnsOf(headers: CellValue[]) {
  const h = matchHeaders(headers);
  if (!h.ok) throw new Error('headers');
  return h.columns;
}
const COLS = columnsOf(HEADERS);
const row = (cells: CellValue[], o = opts) => checkRow(7, cells, COLS, o);
const codeOf = (cells: CellValue[], o = opts) => {
  const r = row(cells, o);
  return r.ok ? 'ok' : r.problem.code;
};

describe('headers', () => {
  it('matches the Chinese headers exactly after trimming, in any order', () => {
    const h = matchHeaders([
      ' 公民身份号码 ',
      '姓\u3000名',
      '备注',
      '常住地行政区划代码',
      '是否残疾（是/否）',
    ]);
    expect(h).toEqual({
      ok: true,
      columns: { idNumber: 0, name: 1, residenceDivision: 3, disabled: 4 },
      ignored: ['备注'],
    });
  });

  it('names every missing required header and refuses duplicated ones', () => {
    expect(matchHeaders(['姓名', '身份证号', '联系电话'])).toEqual({
      ok: false,
      missing: ['公民身份号码', '常住地行政区划代码'],
      duplicated: [],
    });
    expect(matchHeaders(['姓名', '公民身份号码', '常住地行政区划代码', '姓名'])).toMatchObject({
      ok: false,
      duplicated: ['姓名'],
    });
  });

  it('does not take a near header for a real one', () => {
    expect(normalizeHeader('身份证号码')).toBe('身份证号码');
    expect(normalizeHeader('毕业离校日期(年-月-日)')).toBe('毕业离校日期');
    expect(matchHeaders(['姓名1', '公民身份号码', '常住地行政区划代码']).ok).toBe(false);
  });
});

describe('cells', () => {
  it('reads dates in the forms legacy sheets use', () => {
    for (const s of [
      '2019-07-01',
      '2019/7/1',
      '2019年7月1日',
      '2019年07月01日',
      '2019.7.1',
      '20190701',
      '２０１９－０７－０１',
      '2019-07-01 00:00:00',
    ])
      expect(parseDateCell(s)).toBe('2019-07-01');
    expect(parseDateCell(new Date(Date.UTC(2019, 6, 1)))).toBe('2019-07-01');
    expect(parseDateCell(43647)).toBe('2019-07-01'); // an Excel serial
    expect(parseDateCell(20190701)).toBe('2019-07-01');
    for (const s of ['2019-02-29', '2019-13-01', '7/1/2019', '2019年7月', 'yesterday', '1899-12-31', ''])
      expect(parseDateCell(s)).toBeNull();
  });

  it('counts Excel serial dates the way Excel does (1900 system)', () => {
    expect(excelSerialDate(1)).toBe('1900-01-01');
    expect(excelSerialDate(59)).toBe('1900-02-28');
    expect(excelSerialDate(60)).toBeNull(); // Excel's phantom 1900-02-29
    expect(excelSerialDate(61)).toBe('1900-03-01');
    expect(excelSerialDate(45473)).toBe('2024-06-30');
  });

  it('maps the education words to the vocabulary', () => {
    expect(
      ['小学', '初中', '高中', '中职', '大专', '本科', '硕士研究生', '博士研究生'].map(parseEducation),
    ).toEqual([
      'primary',
      'juniorSecondary',
      'seniorSecondary',
      'secondaryVocational',
      'college',
      'bachelor',
      'master',
      'doctorate',
    ]);
    expect(parseEducation(' 中专 ')).toBe('secondaryVocational');
    expect(parseEducation('')).toBeUndefined();
    expect(parseEducation('研究生')).toBeNull(); // master or doctorate: not guessed
    expect(parseEducation('文盲')).toBeNull();
  });

  it('reads 是/否', () => {
    expect([
      parseYesNo('是'),
      parseYesNo(' 否 '),
      parseYesNo(''),
      parseYesNo(null),
      parseYesNo(true),
    ]).toEqual([true, false, undefined, undefined, true]);
    expect(parseYesNo('Y')).toBeNull();
    expect(parseYesNo('不是')).toBeNull();
  });

  it('tidies names without changing them', () => {
    expect(normalizeName(' 张 三 ')).toBe('张三');
    expect(normalizeName('阿依古丽・买买提')).toBe('阿依古丽·买买提');
    expect(normalizeName('阿依古丽 • 买买提')).toBe('阿依古丽·买买提');
    expect(normalizeName('John  Smith')).toBe('John Smith');
    expect(normalizeName('')).toBe('');
    expect(normalizeName('张三1')).toBeNull();
    expect(normalizeName('张三（已故）')).toBeNull();
  });
});

describe('rows', () => {
  it('keeps a good row, with birth date and sex from the ID number', () => {
    const r = row([
      '王秀英',
      ID.toLowerCase(),
      VILLAGE,
      '138 0421 6666',
      '211382101',
      '本科',
      '2019/7/1',
      '否',
    ]);
    expect(r).toEqual({
      ok: true,
      person: {
        row: 7,
        name: '王秀英',
        idNumber: ID,
        idKind: 'mainland',
        birthDate: '1998-03-04',
        sex: 'female',
        convertedFrom15: false,
        residenceDivision: VILLAGE,
        hukouDivision: '211382101',
        phone: '13804216666',
        education: 'bachelor',
        leftSchoolOn: '2019-07-01',
        disabled: false,
      },
    });
  });

  it('upgrades an old 15-digit number and accepts full-width digits', () => {
    const old = '211382' + '650215' + '123';
    const r = row(['李四', old, Number(VILLAGE)]);
    expect(r.ok && r.person.idNumber).toBe(convert15To18(old));
    expect(r.ok && r.person).toMatchObject({ convertedFrom15: true, birthDate: '1965-02-15', sex: 'male' });
    const wide = ID.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    expect(row(['李四', wide, TOWNSHIP]).ok).toBe(true);
  });

  it('rejects each kind of bad row with its code', () => {
    expect(codeOf(['', ID, VILLAGE])).toBe('NAME_MISSING');
    expect(codeOf(['张三3', ID, VILLAGE])).toBe('NAME_INVALID');
    expect(codeOf(['张三', '', VILLAGE])).toBe('ID_NUMBER_MISSING');
    expect(codeOf(['张三', ID.slice(0, 17) + (ID.endsWith('1') ? '2' : '1'), VILLAGE])).toBe(
      'ID_NUMBER_INVALID',
    );
    expect(codeOf(['张三', Number('211382199803041234'), VILLAGE])).toBe('ID_NUMBER_AS_NUMBER');
    expect(codeOf(['张三', '2.11382E+17', VILLAGE])).toBe('ID_NUMBER_AS_NUMBER');
    expect(codeOf(['张三', ID, ''])).toBe('DIVISION_MISSING');
    expect(codeOf(['张三', ID, '211382'])).toBe('DIVISION_UNKNOWN'); // the county itself is no place to live
    expect(codeOf(['张三', ID, WITHDRAWN])).toBe('DIVISION_UNKNOWN');
    expect(codeOf(['张三', ID, '211382999999'])).toBe('DIVISION_UNKNOWN');
    expect(codeOf(['张三', ID, VILLAGE], { ...opts, scope: '211382001' })).toBe('DIVISION_OUT_OF_SCOPE');
    expect(codeOf(['张三', ID, VILLAGE, '12345'])).toBe('PHONE_INVALID');
    expect(codeOf(['张三', ID, VILLAGE, '', '2113829'])).toBe('HUKOU_DIVISION_UNKNOWN');
    expect(codeOf(['张三', ID, VILLAGE, '', '', '研究生'])).toBe('EDUCATION_UNKNOWN');
    expect(codeOf(['张三', ID, VILLAGE, '', '', '', '2019-02-30'])).toBe('DATE_INVALID');
    expect(codeOf(['张三', ID, VILLAGE, '', '', '', '1990-07-01'])).toBe('DATE_OUT_OF_RANGE'); // before birth
    expect(codeOf(['张三', ID, VILLAGE, '', '', '', '2025-07-01'])).toBe('DATE_OUT_OF_RANGE'); // after the import date
    expect(codeOf(['张三', ID, VILLAGE, '', '', '', '', '有'])).toBe('DISABLED_INVALID');
  });

  it('names every problem of a row, the first one giving the code', () => {
    const r = row(['', 'abc', VILLAGE, '', '', '', '', '有']);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem.code).toBe('NAME_MISSING');
    expect(r.problem.messageZh).toBe(
      '姓名为空；公民身份号码不正确：公民身份号码格式不正确，应为18位（或15位旧号码）；是否残疾应填 是 或 否',
    );
  });

  it('takes a household registration outside the county as long as it is a code', () => {
    expect(codeOf(['张三', ID, VILLAGE, '', '110105'])).toBe('ok');
    expect(codeOf(['张三', ID, VILLAGE, '', '211382101200'])).toBe('ok');
  });
});
