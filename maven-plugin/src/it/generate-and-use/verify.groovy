// The classes were generated where Maven's conventions put them, compiled, and the tests ran.
def main = new File(basedir, 'target/generated-sources/mapl/com/example/memtype/Stage2.java')
def test = new File(basedir, 'target/generated-test-sources/mapl/com/example/memtype/Probe.java')
assert main.isFile()
assert test.isFile()
assert main.text.contains('src/main/mapl/memtype/stage2.mapl')
assert !main.text.contains(basedir.absolutePath): 'generated code names no absolute path'
assert new File(basedir, 'target/classes/com/example/sim/Mapper.class').isFile()
def log = new File(basedir, 'build.log').text
assert log.contains('MAPL checked 1 file, 1 policy: 0 errors, 0 warnings')
assert log.contains('Tests run: 2, Failures: 0, Errors: 0, Skipped: 0')
return true
