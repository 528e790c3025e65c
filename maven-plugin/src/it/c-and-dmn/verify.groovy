def linux = new File(basedir, 'target/linux')
def header = new File(linux, 'arch/arm64/kvm/memtype.h')
assert header.isFile()
assert header.text.startsWith('/* SPDX-License-Identifier: GPL-2.0 */')
assert header.text.contains('static inline int kvm_memtype(struct kvm *kvm, unsigned long vm_flags)')
assert header.text.contains('src/main/mapl/memtype.mapl')
def suites = []
linux.eachFileRecurse { if (it.name.endsWith('.c')) suites << it }
assert suites.size() == 1: "one KUnit suite, found ${suites}"
assert suites[0].text.contains('KUNIT_')
def dmn = new File(basedir, 'target/mapl-dmn/memtype.dmn')
assert dmn.isFile()
assert dmn.text.contains('hitPolicy="FIRST"')
[header, suites[0], dmn].each { assert !it.text.contains(basedir.absolutePath): "${it} names an absolute path" }
return true
