// The log of the second (parallel) build: both policy modules generated and compiled, the plugin
// raised no thread-safety warning, and the app compiled against both.
def log = new File(basedir, 'build.log').text
assert log.contains('Using the MultiThreadedBuilder implementation with a thread count of 2'): 'not a parallel build'
assert !log.contains('not marked as thread-safe'): 'the plugin must be marked thread-safe'
assert new File(basedir, 'memtype/target/generated-sources/mapl/com/example/memtype/Stage2.java').isFile()
['v6_1', 'v6_6', 'v6_12', 'v6_17'].each { v ->
	['Slot', 'Fault', 'Stage2'].each { c ->
		assert new File(basedir, "kvm/target/generated-sources/mapl/kvm/${v}/${c}.java").isFile(): "${v}/${c}.java"
	}
}
assert new File(basedir, 'app/target/classes/com/example/app/Compare.class').isFile()
assert log.contains('MAPL checked 1 file, 1 policy: 0 errors, 0 warnings')
assert log.contains('MAPL checked 5 files, 12 policies: 0 errors, 0 warnings')
assert !log.contains('\tat '): 'no stack trace'
return true
