def log = new File(basedir, 'build.log').text
assert log.contains('MAPL check skipped (mapl.skip)')
assert log.contains('MAPL generate skipped (mapl.skip)')
assert !new File(basedir, 'target/generated-sources/mapl').exists()
return true
