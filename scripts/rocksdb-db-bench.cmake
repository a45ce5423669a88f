# Included into RocksDB's own CMake project by scripts/build-rocksdb.sh
# (CMAKE_PROJECT_rocksdb_INCLUDE), so that its db_bench is a working tool
# while the RocksDB library itself stays free of gflags.
#
# RocksDB builds db_bench only with gflags (without it, db_bench prints
# "Please install gflags" and exits), and WITH_GFLAGS=ON would put gflags in
# the library's link interface, so every program linking it, and our .deb,
# would depend on libgflags. Here only the db_bench target gets GFLAGS=1 and
# links gflags; the tests use this db_bench to make databases with the same
# RocksDB as the engine under test, as they do with Debian's rocksdb-tools.
find_package(gflags CONFIG QUIET)
if(NOT gflags_FOUND)
    find_library(MERIDIAN_GFLAGS_LIBRARY gflags)
endif()

function(meridian_db_bench_with_gflags)
    if(NOT TARGET db_bench)
        return()
    endif()
    if(TARGET gflags::gflags)
        set(lib gflags::gflags)
    elseif(TARGET gflags)
        set(lib gflags)
    elseif(MERIDIAN_GFLAGS_LIBRARY)
        set(lib ${MERIDIAN_GFLAGS_LIBRARY})
    else()
        message(WARNING "gflags not found: db_bench will not be usable")
        return()
    endif()
    target_compile_definitions(db_bench PRIVATE GFLAGS=1)
    target_link_libraries(db_bench ${lib})
endfunction()

cmake_language(DEFER DIRECTORY ${CMAKE_SOURCE_DIR} CALL meridian_db_bench_with_gflags)
