import { describe, expect, it } from 'vitest'
import { parseShareFragment, sharedIds, shareUrl } from '../../../widget/src/element/ui/share.ts'

describe('the share link', () => {
  it('reads up to three clinic ids from #clinic-compare=ID,ID,ID', () => {
    expect(parseShareFragment('#clinic-compare=aurora-tijuana,cedro-cancun')).toEqual([
      'aurora-tijuana',
      'cedro-cancun',
    ])
    expect(parseShareFragment('#clinic-compare=a,b,c,d')).toEqual(['a', 'b', 'c'])
    expect(parseShareFragment('#clinic-compare=a,,a,%20b')).toEqual(['a', 'b'])
  })

  it('asks nothing of the widget for another fragment, an empty one or a malformed one', () => {
    expect(parseShareFragment('')).toEqual([])
    expect(parseShareFragment('#section-2')).toEqual([])
    expect(parseShareFragment('#clinic-compare=')).toEqual([])
    expect(parseShareFragment('#clinic-compare=%E0%A4%A')).toEqual([])
    expect(parseShareFragment('#top&clinic-compare=a')).toEqual(['a'])
  })

  it('writes the partner page’s own address with the comparison as its fragment', () => {
    expect(shareUrl('https://blog.example/post?x=1#comments', ['a', 'b'])).toBe(
      'https://blog.example/post?x=1#clinic-compare=a,b',
    )
    expect(shareUrl('https://blog.example/post', ['a'])).toBe(
      'https://blog.example/post#clinic-compare=a',
    )
  })

  it('reads back what it writes', () => {
    const url = new URL(shareUrl('https://blog.example/post', ['a-1', 'b-2', 'c-3']))
    expect(parseShareFragment(url.hash)).toEqual(['a-1', 'b-2', 'c-3'])
  })

  it('keeps only clinics the catalog still lists, in the link’s order', () => {
    const clinics = [{ id: 'a' }, { id: 'b' }, { id: 'c' }]
    expect(sharedIds('#clinic-compare=c,gone,a', clinics)).toEqual(['c', 'a'])
    expect(sharedIds('#clinic-compare=gone', clinics)).toEqual([])
  })
})
