// The error is reported in Maven's compiler format, on the exact line and column, with its code.
def log = new File(basedir, 'build.log').text
def file = new File(basedir, 'src/main/mapl/bad.mapl').canonicalPath
def expected = "[ERROR] ${file}:[11,5] "
assert log.contains(expected): "no line starting with ${expected}"
def line = log.readLines().find { it.startsWith(expected) }
assert line ==~ /.*\(mapl\.[a-z.-]+\)$/: line
assert log.contains('MAPL checked 1 file, 0 policies: 1 error, 1 warning (see the [ERROR] lines above)')
assert !new File(basedir, 'target/generated-sources/mapl').exists(): 'check fails before anything is generated'
assert !log.contains('\tat '): 'a bad policy gets a diagnostic, not a stack trace'
return true
