// Preloaded with `node --import` into a server under load (bench/profile-hook.sh): when the file PROFILE_CONTROL
// comes to say `start`, V8's CPU profiler starts; when it says `stop`, the profile is written to PROFILE_OUT. So
// only the measured run is profiled, neither start-up nor warm-up. A file, not a signal: Node-RED ends on SIGUSR2.
// Plain JavaScript, so any server's node can load it. PROFILE_KIND=heap samples allocations instead (V8's sampling
// heap profiler, keeping what the collector freed: where the garbage comes from), written as a .heapprofile.
import { readFileSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector'

const out = process.env.PROFILE_OUT
const control = process.env.PROFILE_CONTROL
if (!out || !control)
  throw new Error('PROFILE_OUT names the .cpuprofile to write, PROFILE_CONTROL the control file')

const heap = process.env.PROFILE_KIND === 'heap'
const session = new Session()
session.connect()
let state = 'idle'
const poll = setInterval(() => {
  let wanted = ''
  try {
    wanted = readFileSync(control, 'utf8').trim()
  } catch {
    return
  }
  if (wanted === 'start' && state === 'idle') {
    state = 'profiling'
    if (heap)
      session.post('HeapProfiler.enable', () =>
        session.post('HeapProfiler.startSampling', {
          samplingInterval: 1024,
          includeObjectsCollectedByMajorGC: true,
          includeObjectsCollectedByMinorGC: true,
        }),
      )
    else session.post('Profiler.enable', () => session.post('Profiler.start'))
  } else if (wanted === 'stop' && state === 'profiling') {
    state = 'done'
    session.post(heap ? 'HeapProfiler.stopSampling' : 'Profiler.stop', (err, result) => {
      if (err) console.error('profile failed', err)
      else writeFileSync(out, JSON.stringify(result.profile))
    })
  }
}, 100)
poll.unref()
