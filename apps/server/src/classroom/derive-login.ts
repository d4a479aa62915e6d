/**
 * Sign-in names for students without an e-mail, unique among `taken` (which it extends): the name's Latin letters
 * and digits (`Li Lei` → `li.lei`, `Zoë` → `zoe`), numbered from 2 when taken; a name with none (`张伟`) becomes
 * `student1`, `student2`, …, the first number free. Short and typeable on a phone, printed on the sheet.
 */
export function deriveLogin(name: string, taken: Set<string>): string {
  const latin = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.+|\.+$/g, '')
    .slice(0, 40)
    .replace(/\.+$/, '')
  let login = latin
  for (let n = latin ? 2 : 1; !login || taken.has(login); n++) login = `${latin || 'student'}${n}`
  taken.add(login)
  return login
}
